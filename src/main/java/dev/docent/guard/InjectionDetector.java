package dev.docent.guard;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises attempts to override Docent's instructions: telling it to ignore or forget them, role-play escapes
 * ("you are now DAN", "pretend you have no rules"), and requests for its system prompt.
 */
public final class InjectionDetector {

    private static final List<Pattern> PATTERNS = List.of(
            "\\b(?:ignore|disregard|skip|override|bypass)\\b.{0,30}\\b(?:previous|prior|above|earlier|preceding|all|your|the|system)\\b.{0,20}\\b(?:instructions?|prompts?|rules|directions|guidelines|messages?|restrictions|guardrails)\\b",
            "\\bforget\\b.{0,20}\\b(?:everything|all|your|the|previous|prior)\\b.{0,20}\\b(?:instructions?|rules|told|above|prompt)\\b",
            "\\b(?:reveal|show|print|repeat|output|display|leak|tell me|give me|what(?:'s| is| are| was| were))\\b.{0,20}\\b(?:system|initial|original|hidden|secret|developer)\\s+(?:prompt|message|instructions?)\\b",
            "\\b(?:your|the)\\s+(?:system\\s+prompt|initial\\s+instructions|hidden\\s+instructions)\\b",
            "\\byou\\s+are\\s+(?:now|no\\s+longer)\\b",
            "\\b(?:pretend|imagine)\\b.{0,15}\\b(?:you\\s+are|to\\s+be|you\\s+have\\s+no)\\b",
            "\\b(?:act|behave|respond)\\s+as\\s+(?:if|though)\\b.{0,30}\\b(?:no|without|unrestricted|unfiltered|free)\\b",
            "\\b(?:roleplay|role-play)\\s+as\\b",
            "\\b(?:jailbreak|jailbroken|developer\\s+mode|do\\s+anything\\s+now|DAN\\s+mode)\\b",
            "\\bnew\\s+instructions\\s*:")
            .stream().map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.DOTALL)).toList();

    private InjectionDetector() {
    }

    /** The pattern a text matched, when it looks like an injection attempt. */
    public static Optional<String> detect(String text) {
        return PATTERNS.stream().filter(p -> p.matcher(text).find()).map(Pattern::pattern).findFirst();
    }
}

package dev.docent.cache;

import dev.docent.text.Hashing;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the cache compares questions. Exact matches compare the normalized text. Near matches also need the same
 * polarity: the same negations, the same side of every pair of opposites (enable/disable, add/remove, ...) and the
 * same numbers, because questions that differ only there sit close in embedding space (0.85-0.94 on bge-small)
 * and yet ask the opposite.
 */
public final class QuestionForms {

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without", "cannot", "can't", "don't",
            "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't", "shouldn't", "mustn't",
            "couldn't", "nor", "none", "neither", "nobody", "nothing", "nowhere", "hardly", "except", "unless");

    /** Words that have an opposite: two questions must use the same ones (a synonym counts as a difference). */
    private static final Set<String> OPPOSITES = wordsOf(
            "enable:disable", "enabled:disabled", "allow:deny", "allowed:denied", "allow:forbid", "permit:prohibit",
            "add:remove", "add:delete", "create:delete", "increase:decrease", "start:stop", "open:close",
            "opens:closes", "opening:closing", "include:exclude", "accept:reject", "on:off", "maximum:minimum",
            "max:min", "before:after", "install:uninstall", "lock:unlock", "upgrade:downgrade", "grant:revoke",
            "activate:deactivate", "subscribe:unsubscribe", "connect:disconnect", "import:export",
            "upload:download", "buy:sell", "hire:fire", "join:leave", "show:hide", "encrypt:decrypt",
            "public:private", "internal:external", "first:last", "more:less", "above:below", "higher:lower",
            "earliest:latest", "in:out", "inbound:outbound", "mandatory:optional", "required:optional",
            "approve:reject", "approved:rejected", "valid:invalid", "legal:illegal", "paid:unpaid");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");

    private QuestionForms() {
    }

    /** Lower case, single spaces, no trailing punctuation: "How do I enable X?" and "how do i  enable x" meet. */
    public static String normalize(String question) {
        return question.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replaceAll("\\s+", " ")
                .replaceAll("[\\s?!.。,;:\"']+$", "").strip();
    }

    public static String hash(String normalized) {
        return Hashing.sha256(normalized);
    }

    /** Whether two questions can share an answer as far as negations, opposites and numbers go. */
    public static boolean samePolarity(String a, String b) {
        return signature(normalize(a)).equals(signature(normalize(b)));
    }

    static Map<String, Integer> signature(String normalized) {
        Map<String, Integer> signature = new TreeMap<>();
        Matcher words = WORD.matcher(normalized);
        while (words.find()) {
            String word = words.group();
            if (NEGATIONS.contains(word) || word.endsWith("n't")) {
                signature.merge("not", 1, Integer::sum);
            }
            if (OPPOSITES.contains(word)) {
                signature.merge(word, 1, Integer::sum);
            }
        }
        Matcher numbers = NUMBER.matcher(normalized);
        while (numbers.find()) {
            signature.merge("#" + numbers.group().replace(',', '.'), 1, Integer::sum);
        }
        return signature;
    }

    private static Set<String> wordsOf(String... pairs) {
        Set<String> words = new TreeSet<>();
        for (String pair : pairs) {
            words.addAll(List.of(pair.split(":")));
        }
        return Set.copyOf(words);
    }
}

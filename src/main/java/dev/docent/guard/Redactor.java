package dev.docent.guard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces personal and secret data with placeholders such as [EMAIL_1]. One redactor serves one request, so the
 * same value gets the same placeholder in the question and in every context passage, and a model can still tell
 * "the same address" from "another address" without ever seeing either.
 */
public final class Redactor {

    private final Set<PiiType> types;
    private final Map<String, String> placeholders = new HashMap<>();
    private final Map<PiiType, Integer> counters = new HashMap<>();

    public Redactor(Set<PiiType> types) {
        this.types = Set.copyOf(types);
    }

    public String redact(String text) {
        List<PiiMatch> matches = PiiDetector.find(text).stream().filter(m -> types.contains(m.type())).toList();
        if (matches.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (PiiMatch match : matches) {
            out.append(text, at, match.start());
            out.append(placeholder(match.type(), match.in(text)));
            at = match.end();
        }
        return out.append(text.substring(at)).toString();
    }

    /** How many distinct values were replaced. */
    public int replaced() {
        return placeholders.size();
    }

    private String placeholder(PiiType type, String value) {
        return placeholders.computeIfAbsent(type + "\u0000" + value,
                v -> "[" + type.name() + "_" + counters.merge(type, 1, Integer::sum) + "]");
    }
}

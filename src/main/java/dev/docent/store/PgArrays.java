package dev.docent.store;

import java.util.Collection;
import java.util.TreeSet;

/** PostgreSQL array literals for text[] values that travel as strings (settings, casts). */
public final class PgArrays {

    private PgArrays() {
    }

    /** {"a","b"}: every element quoted, so commas, braces and quotes inside group names stay inside them. */
    public static String literal(Collection<String> values) {
        StringBuilder out = new StringBuilder("{");
        for (String value : new TreeSet<>(values)) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        }
        return out.append('}').toString();
    }
}

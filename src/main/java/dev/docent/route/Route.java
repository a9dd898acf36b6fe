package dev.docent.route;

import java.util.List;
import java.util.Locale;

/**
 * Where a question goes: small talk is answered at once ({@code reply}), anything else is retrieved from
 * {@code collectionIds} (empty: every collection).
 */
public record Route(Kind kind, List<Long> collectionIds, String reply) {

    /** The two ways a question is handled. */
    public enum Kind {
        SMALLTALK, RETRIEVAL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Route {
        collectionIds = List.copyOf(collectionIds);
    }

    public static Route smallTalk(String reply) {
        return new Route(Kind.SMALLTALK, List.of(), reply);
    }

    public static Route retrieval(List<Long> collectionIds) {
        return new Route(Kind.RETRIEVAL, collectionIds, null);
    }
}

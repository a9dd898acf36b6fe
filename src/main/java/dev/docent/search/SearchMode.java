package dev.docent.search;

import dev.docent.web.ApiException;
import java.util.Locale;

/** How passages are found: by meaning (pgvector), by words (Lucene BM25), or both fused. */
public enum SearchMode {
    DENSE, BM25, HYBRID;

    public static SearchMode parse(String value, SearchMode fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("mode must be dense, bm25 or hybrid, not '" + value + "'.");
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.docent.cache;

import dev.docent.search.SearchHit;
import java.util.List;

/** An answer served from the cache, with the sources it cited and how the question matched. */
public record CachedAnswer(String answer, List<SearchHit> sources, String match) {

    public static final String EXACT = "exact";
    public static final String SEMANTIC = "semantic";
}

package dev.docent.cache;

import dev.docent.search.SearchHit;
import dev.docent.security.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The query pipeline's cache stage: answers to questions asked before, in the same scope (the collections asked
 * for) and answering configuration. An answer is only ever served to a caller who may read every source it cites.
 */
public interface AnswerCache {

    /**
     * @param sentenceVector the question embedded as a sentence, asked for only when the exact form misses
     */
    Optional<CachedAnswer> lookup(String question, Supplier<float[]> sentenceVector, String scopeKey,
                                  String configKey, Caller caller);

    /**
     * Keeps an answer unless a cited document changed after {@code retrievedAt} (the answer may rest on what the
     * change replaced).
     */
    void store(String question, float[] sentenceVector, String scopeKey, String configKey, String answer,
               List<SearchHit> sources, Instant retrievedAt);
}

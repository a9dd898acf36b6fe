package dev.docent.answer;

import dev.docent.search.RetrievedChunk;
import java.util.List;

/**
 * The query pipeline's stage between retrieval and generation: the passages relevant enough to answer from. When
 * none are, Docent says it does not know instead of answering from something unrelated.
 */
public interface RelevanceGate {

    List<RetrievedChunk> relevant(List<RetrievedChunk> retrieved);

    /** Part of the cache's configuration key: answers kept under another threshold do not fit. */
    double minScore();
}

package dev.docent.search;

/**
 * The query pipeline's retrieval stage: a query's passages in one {@link SearchMode} (pgvector, BM25, or both
 * fused), among those its caller may read, best first; says when a source was out of reach and the result partial.
 */
public interface HybridRetriever {

    int MAX_TOP_K = 100;

    Retrieval retrieve(RetrievalQuery query, SearchMode mode);
}

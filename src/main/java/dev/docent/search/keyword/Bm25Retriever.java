package dev.docent.search.keyword;

import dev.docent.search.ChunkVerifier;
import dev.docent.search.RetrievalQuery;
import dev.docent.search.RetrievedChunk;
import dev.docent.search.Retriever;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Passages by their words: BM25 over this node's Lucene index, filtered there by groups, collections and expiry,
 * then checked against PostgreSQL so that nothing the index has not caught up with yet slips through; and the
 * fallback of degraded mode, when there is no PostgreSQL to check against.
 */
@ApplicationScoped
public class Bm25Retriever implements Retriever {

    /** Extra candidates, so that passages dropped by the check still leave k. */
    private static final int HEADROOM = 10;

    private final KeywordIndexer index;
    private final ChunkVerifier verifier;

    @Inject
    public Bm25Retriever(KeywordIndexer index, ChunkVerifier verifier) {
        this.index = index;
        this.verifier = verifier;
    }

    /** For CDI's client proxy only. */
    protected Bm25Retriever() {
        this(null, null);
    }

    @Override
    public List<RetrievedChunk> retrieve(RetrievalQuery query) {
        List<RetrievedChunk> candidates = index.search(query.text(), null, query.caller().groups(),
                query.collectionIds(), query.topK() + HEADROOM);
        List<RetrievedChunk> checked = verifier.verified(candidates, query.vector(), query.caller());
        return checked.size() > query.topK() ? checked.subList(0, query.topK()) : checked;
    }

    /**
     * The same search from this node's index alone, for when PostgreSQL is away: the index's own ACL, collection
     * and expiry filters apply, and similarity comes from the embeddings it stores. It is as current as the index's
     * last catch-up (its lag is in readiness and /metrics).
     */
    public List<RetrievedChunk> retrieveFromIndexAlone(RetrievalQuery query) {
        return index.search(query.text(), query.vector(), query.caller().groups(), query.collectionIds(),
                query.topK());
    }
}

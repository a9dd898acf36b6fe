package dev.docent.search;

import dev.docent.collection.CollectionRepository;
import dev.docent.collection.DocumentCollection;
import dev.docent.embed.Embedder;
import dev.docent.security.Caller;
import dev.docent.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/** Retrieval on a caller's behalf: resolves collections, embeds the query, retrieves. */
@ApplicationScoped
public class SearchService {

    public static final int MAX_TOP_K = 50;

    private final Embedder embedder;
    private final Retriever retriever;
    private final CollectionRepository collections;

    @Inject
    public SearchService(Embedder embedder, Retriever retriever, CollectionRepository collections) {
        this.embedder = embedder;
        this.retriever = retriever;
        this.collections = collections;
    }

    /** For CDI's client proxy only. */
    protected SearchService() {
        this(null, null, null);
    }

    public List<RetrievedChunk> retrieve(String text, float[] vector, List<Long> collectionIds, int topK,
                                         Caller caller) {
        return retriever.retrieve(new RetrievalQuery(text, vector, caller, collectionIds, topK));
    }

    public List<RetrievedChunk> search(String text, List<String> collectionNames, int topK, Caller caller) {
        List<Long> ids = collectionIds(collectionNames);
        return retrieve(text, embedder.embedQuery(text), ids, topK, caller);
    }

    /** Names to ids; an unknown name is the caller's mistake (404), not an empty result. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> collectionIds(List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(collections.findByName(name).map(DocumentCollection::id)
                    .orElseThrow(() -> ApiException.notFound("Collection '" + name + "'")));
        }
        return ids;
    }
}

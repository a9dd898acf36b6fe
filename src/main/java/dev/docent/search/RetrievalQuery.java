package dev.docent.search;

import dev.docent.security.Caller;
import java.util.List;

/**
 * One retrieval: the question, its vector, who asks (their groups filter every row) and where to look
 * ({@code collectionIds} empty means every collection).
 */
public record RetrievalQuery(String text, float[] vector, Caller caller, List<Long> collectionIds, int topK) {

    public RetrievalQuery {
        collectionIds = List.copyOf(collectionIds);
    }
}

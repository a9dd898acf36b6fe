package dev.docent.route;

import dev.docent.security.Caller;
import java.util.List;

/** Decides, before any retrieval, whether a question is small talk and which collections it belongs to. */
public interface QueryRouter {

    /**
     * @param requestedCollections the collections the caller named (empty: let the router choose); they win
     */
    Route route(String question, float[] vector, List<Long> requestedCollections, Caller caller);
}

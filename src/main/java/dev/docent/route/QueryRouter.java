package dev.docent.route;

import dev.docent.security.Caller;
import java.util.List;

/** Decides, before any retrieval, whether a question is small talk and which collections it belongs to. */
public interface QueryRouter {

    /**
     * @param requestedCollections names the caller asked for (empty: let the router choose); they win when given
     */
    Route route(String question, float[] vector, List<String> requestedCollections, Caller caller);
}

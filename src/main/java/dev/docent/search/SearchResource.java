package dev.docent.search;

import dev.docent.collection.CollectionRepository;
import dev.docent.embed.Embedder;
import dev.docent.observe.StageTimers;
import dev.docent.security.Caller;
import dev.docent.security.RateLimited;
import dev.docent.web.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Retrieval only: the passages a question would be answered from, in the requested collections (all when none
 * are named) and mode (dense, bm25 or hybrid, the default), so that each can be measured alone.
 */
@Path("search")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SearchResource {

    /** The body of POST /search. */
    public record SearchRequest(String query, List<String> collections, Integer topK, String mode) {
    }

    private final HybridRetriever retrieval;
    private final Embedder embedder;
    private final CollectionRepository collections;
    private final Caller caller;
    private final StageTimers timers;
    private final int maxQueryChars;

    @Inject
    public SearchResource(HybridRetriever retrieval, Embedder embedder, CollectionRepository collections,
                          Caller caller, StageTimers timers,
                          @ConfigProperty(name = "docent.ask.max-question-chars", defaultValue = "2000")
                          int maxQueryChars) {
        this.retrieval = retrieval;
        this.embedder = embedder;
        this.collections = collections;
        this.caller = caller;
        this.timers = timers;
        this.maxQueryChars = maxQueryChars;
    }

    /** For CDI's client proxy only. */
    protected SearchResource() {
        this(null, null, null, null, null, 0);
    }

    @RateLimited
    @POST
    public Map<String, Object> search(SearchRequest request) {
        if (request == null || request.query() == null || request.query().isBlank()) {
            throw ApiException.badRequest("query is required.");
        }
        if (request.query().length() > maxQueryChars) {
            throw new ApiException(413, "query_too_long", "query is longer than " + maxQueryChars + " characters.");
        }
        int topK = request.topK() == null ? 10 : request.topK();
        if (topK < 1 || topK > HybridRetriever.MAX_TOP_K) {
            throw ApiException.badRequest("topK must be between 1 and " + HybridRetriever.MAX_TOP_K + ".");
        }
        SearchMode mode = SearchMode.parse(request.mode(), SearchMode.HYBRID);
        List<Long> collectionIds = collections.idsOf(request.collections());
        String query = request.query().strip();
        RetrievalQuery retrievalQuery = new RetrievalQuery(query,
                timers.time("embed", () -> embedder.embedQuery(query)), caller, collectionIds, topK);
        Retrieval found = timers.time("retrieve", () -> retrieval.retrieve(retrievalQuery, mode));
        return Map.of("results", found.chunks().stream().map(SearchHit::of).toList(), "degraded", found.degraded());
    }
}

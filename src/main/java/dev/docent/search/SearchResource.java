package dev.docent.search;

import dev.docent.security.Caller;
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

/** Retrieval only: the passages a question would be answered from. */
@Path("search")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SearchResource {

    /** The body of POST /search. */
    public record SearchRequest(String query, List<String> collections, Integer topK, String mode) {
    }

    private final SearchService search;
    private final Caller caller;
    private final int maxQueryChars;

    @Inject
    public SearchResource(SearchService search, Caller caller,
                          @ConfigProperty(name = "docent.ask.max-question-chars", defaultValue = "2000")
                          int maxQueryChars) {
        this.search = search;
        this.caller = caller;
        this.maxQueryChars = maxQueryChars;
    }

    /** For CDI's client proxy only. */
    protected SearchResource() {
        this(null, null, 0);
    }

    @POST
    public Map<String, List<SearchHit>> search(SearchRequest request) {
        if (request == null || request.query() == null || request.query().isBlank()) {
            throw ApiException.badRequest("query is required.");
        }
        if (request.query().length() > maxQueryChars) {
            throw ApiException.badRequest("query is longer than " + maxQueryChars + " characters.");
        }
        int topK = request.topK() == null ? 10 : request.topK();
        if (topK < 1 || topK > SearchService.MAX_TOP_K) {
            throw ApiException.badRequest("topK must be between 1 and " + SearchService.MAX_TOP_K + ".");
        }
        if (request.mode() != null && !request.mode().equals("dense")) {
            throw ApiException.badRequest("mode '" + request.mode()
                    + "' is not available yet; this version retrieves with 'dense' (pgvector) only.");
        }
        List<SearchHit> hits = search.search(request.query().strip(), request.collections(), topK, caller).stream()
                .map(SearchHit::of).toList();
        return Map.of("results", hits);
    }
}

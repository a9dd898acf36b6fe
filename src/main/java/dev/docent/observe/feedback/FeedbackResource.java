package dev.docent.observe.feedback;

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
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * POST /feedback {queryId, rating: "up"|"down", comment?}: what the asker thought of an answer. Only the user who
 * asked may rate it; rating again replaces the earlier rating. Counted in docent_feedback_total{rating}.
 */
@Path("feedback")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FeedbackResource {

    private static final int MAX_COMMENT = 2000;

    /** The body of POST /feedback. */
    public record FeedbackRequest(String queryId, String rating, String comment) {
    }

    private final FeedbackStore store;
    private final Caller caller;
    private final MetricRegistry metrics;

    @Inject
    public FeedbackResource(FeedbackStore store, Caller caller, MetricRegistry metrics) {
        this.store = store;
        this.caller = caller;
        this.metrics = metrics;
    }

    /** For CDI's client proxy only. */
    protected FeedbackResource() {
        this(null, null, null);
    }

    @POST
    @RateLimited
    public Response rate(FeedbackRequest request) {
        if (request == null || request.queryId() == null) {
            throw ApiException.badRequest("queryId is required.");
        }
        UUID queryId;
        try {
            queryId = UUID.fromString(request.queryId().strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("queryId is not an answer's id.");
        }
        int rating = switch (request.rating() == null ? "" : request.rating().strip()) {
            case "up" -> 1;
            case "down" -> -1;
            default -> throw ApiException.badRequest("rating must be up or down.");
        };
        String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new ApiException(413, "comment_too_long", "The comment is longer than " + MAX_COMMENT
                    + " characters.");
        }
        if (!store.record(queryId, caller.user(), rating, comment)) {
            throw ApiException.notFound("Answer " + queryId + " to a question of yours");
        }
        metrics.counter("docent_feedback_total", new Tag("rating", rating > 0 ? "up" : "down")).inc();
        return Response.status(201).entity(Map.of("queryId", queryId, "rating", rating > 0 ? "up" : "down"))
                .build();
    }
}

package dev.docent.ingest;

import dev.docent.ingest.jms.DeadLetter;
import dev.docent.ingest.jms.IngestQueue;
import dev.docent.security.Caller;
import dev.docent.security.Roles;
import dev.docent.web.ApiException;
import dev.docent.web.QueryParams;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The fate of an upload or a JMS message: queued, processing, done (with chunk counts) or failed (with why). */
@Path("ingestion-jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class IngestionJobResource {

    private final DocumentCatalog catalog;
    private final IngestQueue queue;
    private final Caller caller;

    @Inject
    public IngestionJobResource(DocumentCatalog catalog, IngestQueue queue, Caller caller) {
        this.catalog = catalog;
        this.queue = queue;
        this.caller = caller;
    }

    /** For CDI's client proxy only. */
    protected IngestionJobResource() {
        this(null, null, null);
    }

    /**
     * GET /ingestion-jobs?messageId=ID:... or ?correlationId=...: what became of a JMS message (an empty list while
     * it waits). Without either, for administrators: the latest jobs, optionally in one status
     * (?status=stalled&limit=100).
     */
    @GET
    public Map<String, List<JobView>> list(@QueryParam("messageId") String messageId,
                                           @QueryParam("correlationId") String correlationId,
                                           @QueryParam("status") String status,
                                           @QueryParam("limit") String limit) {
        if (messageId != null && !messageId.isBlank()) {
            return Map.of("jobs", catalog.jobOfMessage(messageId.strip(), caller));
        }
        if (correlationId != null && !correlationId.isBlank()) {
            return Map.of("jobs", catalog.jobsOfCorrelation(correlationId.strip(), caller));
        }
        return Map.of("jobs", catalog.latestJobs(status == null || status.isBlank() ? null : status.strip(),
                QueryParams.integer(limit, 100, "limit", 1, 1000), caller));
    }

    /** GET /ingestion-jobs/dead-letters?limit=: messages that failed for good, with why (admin). */
    @GET
    @Path("dead-letters")
    public Map<String, List<DeadLetter>> deadLetters(@QueryParam("limit") String limit) {
        Roles.requireAdmin(caller);
        return Map.of("deadLetters", queue.deadLetters(QueryParams.integer(limit, 100, "limit", 1, 1000)));
    }

    @GET
    @Path("{id}")
    public JobView get(@PathParam("id") String id) {
        UUID jobId;
        try {
            jobId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Ingestion job");
        }
        return catalog.job(jobId, caller);
    }
}

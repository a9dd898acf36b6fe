package dev.docent.admin;

import dev.docent.cache.SemanticCache;
import dev.docent.embed.SentenceVectors;
import dev.docent.observe.AuditLog;
import dev.docent.observe.Dashboard;
import dev.docent.observe.UsageReport;
import dev.docent.observe.eval.EvalRunView;
import dev.docent.observe.eval.EvalRuns;
import dev.docent.observe.quality.QualityRecords;
import dev.docent.security.Caller;
import dev.docent.security.Roles;
import dev.docent.web.ApiException;
import dev.docent.web.QueryParams;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** What administrators follow and control: evaluation runs, answer quality, usage and cost, the cache. */
@Path("admin")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final EvalRuns evalRuns;
    private final QualityRecords quality;
    private final SemanticCache cache;
    private final SentenceVectors sentenceVectors;
    private final UsageReport usage;
    private final AuditLog audit;
    private final Dashboard dashboard;
    private final Caller caller;

    @Inject
    public AdminResource(EvalRuns evalRuns, QualityRecords quality, SemanticCache cache,
                         SentenceVectors sentenceVectors, UsageReport usage, AuditLog audit, Dashboard dashboard,
                         Caller caller) {
        this.evalRuns = evalRuns;
        this.quality = quality;
        this.cache = cache;
        this.sentenceVectors = sentenceVectors;
        this.usage = usage;
        this.audit = audit;
        this.dashboard = dashboard;
        this.caller = caller;
    }

    /** For CDI's client proxy only. */
    protected AdminResource() {
        this(null, null, null, null, null, null, null, null);
    }

    /** GET /admin/dashboard?days=N: questions, latency, cache and feedback per hour (up to 2 days) or day. */
    @GET
    @Path("dashboard")
    public Map<String, List<Dashboard.Bucket>> dashboard(@QueryParam("days") String days) {
        Roles.requireAdmin(caller);
        return Map.of("buckets", dashboard.series(QueryParams.integer(days, 1, "days", 1, 366)));
    }

    @GET
    @Path("cache")
    public Map<String, Long> cacheStats() {
        Roles.requireAdmin(caller);
        return Map.of("entries", cache.size());
    }

    @DELETE
    @Path("cache")
    public Map<String, Integer> flushCache() {
        Roles.requireAdmin(caller);
        int flushed = cache.flush();
        // This node's sentence vectors too, so that what follows a flush is as cold as after a restart.
        sentenceVectors.clear();
        audit.record(caller.user(), "cache.flush", "cache", "entries=" + flushed);
        return Map.of("flushed", flushed);
    }

    /** GET /admin/usage?by=user|collection&days=30: questions, tokens and cost. */
    @GET
    @Path("usage")
    public Map<String, List<UsageReport.Line>> usage(@QueryParam("by") @DefaultValue("user") String by,
                                                     @QueryParam("days") String days) {
        Roles.requireAdmin(caller);
        int period = QueryParams.integer(days, 30, "days", 1, 365);
        return switch (by) {
            case "user" -> Map.of("usage", usage.byUser(period));
            case "collection" -> Map.of("usage", usage.byCollection(period));
            default -> throw ApiException.badRequest("by must be user or collection.");
        };
    }

    @GET
    @Path("eval-runs")
    public Map<String, List<EvalRunView>> evalRuns(@QueryParam("limit") String limit) {
        Roles.requireAdmin(caller);
        return Map.of("runs", evalRuns.recent(QueryParams.integer(limit, 100, "limit", 1, 1000)));
    }

    /** The evaluation harness (./docent eval) reports each run here. */
    @POST
    @Path("eval-runs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response recordEvalRun(EvalRunView run) {
        Roles.requireAdmin(caller);
        return Response.status(Response.Status.CREATED).entity(evalRuns.record(run, caller.user())).build();
    }

    @GET
    @Path("audit-log")
    public Map<String, List<AuditLog.Entry>> auditLog(@QueryParam("limit") String limit) {
        Roles.requireAdmin(caller);
        return Map.of("entries", audit.recent(QueryParams.integer(limit, 100, "limit", 1, 1000)));
    }

    @GET
    @Path("answer-quality")
    public Map<String, List<QualityRecords.Daily>> answerQuality(@QueryParam("days") String days) {
        Roles.requireAdmin(caller);
        return Map.of("days", quality.daily(QueryParams.integer(days, 30, "days", 1, 365)));
    }
}

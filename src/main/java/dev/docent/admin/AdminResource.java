package dev.docent.admin;

import dev.docent.observe.eval.EvalRunView;
import dev.docent.observe.eval.EvalRuns;
import dev.docent.observe.quality.QualityRecords;
import dev.docent.security.Caller;
import dev.docent.security.Roles;
import dev.docent.web.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

/** What administrators follow: retrieval quality on benchmarks, and the quality of live answers. */
@Path("admin")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final EvalRuns evalRuns;
    private final QualityRecords quality;
    private final Caller caller;

    @Inject
    public AdminResource(EvalRuns evalRuns, QualityRecords quality, Caller caller) {
        this.evalRuns = evalRuns;
        this.quality = quality;
        this.caller = caller;
    }

    /** For CDI's client proxy only. */
    protected AdminResource() {
        this(null, null, null);
    }

    @GET
    @Path("eval-runs")
    public Map<String, List<EvalRunView>> evalRuns(@QueryParam("limit") @DefaultValue("100") int limit) {
        Roles.requireAdmin(caller);
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("limit must be between 1 and 1000.");
        }
        return Map.of("runs", evalRuns.recent(limit));
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
    @Path("answer-quality")
    public Map<String, List<QualityRecords.Daily>> answerQuality(@QueryParam("days") @DefaultValue("30") int days) {
        Roles.requireAdmin(caller);
        if (days < 1 || days > 365) {
            throw ApiException.badRequest("days must be between 1 and 365.");
        }
        return Map.of("days", quality.daily(days));
    }
}

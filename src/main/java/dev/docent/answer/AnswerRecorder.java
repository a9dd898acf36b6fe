package dev.docent.answer;

import dev.docent.observe.QueryLog;
import dev.docent.observe.quality.AnswerQuality;
import dev.docent.search.RetrievedChunk;
import dev.docent.security.Caller;
import dev.docent.store.DatabaseUnavailableException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Everything that follows an answer: the query log, token and cost metrics, and the sampled quality judgement. */
@ApplicationScoped
public class AnswerRecorder {

    private static final Logger LOG = Logger.getLogger(AnswerRecorder.class.getName());

    @Resource(lookup = "concurrent/docentExecutor")
    private ManagedExecutorService executor;

    private final QueryLog queryLog;
    private final AnswerQuality quality;
    private final MetricRegistry metrics;

    @Inject
    public AnswerRecorder(QueryLog queryLog, AnswerQuality quality, MetricRegistry metrics) {
        this.queryLog = queryLog;
        this.quality = quality;
        this.metrics = metrics;
    }

    /** For CDI's client proxy only. */
    protected AnswerRecorder() {
        this(null, null, null);
    }

    /** The facts of one answer, as the pipeline has them at the end. */
    public record Answered(AnswerResult result, Caller caller, PreparedQuestion question, float[] questionVector,
                           List<Long> collectionIds, List<RetrievedChunk> relevant, String generator) {
    }

    /** Runs after the answer: the asker does not wait for the bookkeeping. */
    public void record(Answered a) {
        queryLog.expect(a.result().queryId(), a.caller().user());
        try {
            executor.execute(() -> recordNow(a));
        } catch (RejectedExecutionException e) {
            recordNow(a);
        }
    }

    void recordNow(Answered a) {
        AnswerResult result = a.result();
        Usage usage = result.usage();
        try {
            queryLog.record(new QueryLog.Entry(result.queryId(), a.caller().user(),
                    a.question().text(), result.route(), !result.sources().isEmpty(), result.sources().size(),
                    a.relevant().isEmpty() ? null : (float) a.relevant().get(0).similarity(), (int) result.latencyMs(),
                    usage.inputTokens(), usage.outputTokens(), usage.cost(), a.collectionIds(), result.cached(),
                    a.generator(), guardrails(a.question())));
        } catch (DatabaseUnavailableException e) {
            // An outage is reported once, by DatabaseStatus; the entries it costs are counted.
            metrics.counter("docent_query_log_dropped_total").inc();
            LOG.log(Level.FINE, "query " + result.queryId() + " not logged: database out of reach", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record query " + result.queryId(), e);
        }
        if (usage.inputTokens() + usage.outputTokens() > 0) {
            Tag scope = new Tag("collections", a.collectionIds().isEmpty() ? "all"
                    : a.collectionIds().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
            metrics.counter("docent_llm_tokens_total", scope, new Tag("direction", "input")).inc(usage.inputTokens());
            metrics.counter("docent_llm_tokens_total", scope, new Tag("direction", "output")).inc(usage.outputTokens());
            metrics.counter("docent_llm_cost_microunits_total", scope).inc(Math.round(usage.cost() * 1_000_000));
        }
        if (result.degraded()) {
            metrics.counter("docent_degraded_answers_total").inc();
        }
        if (!result.cached() && result.grounded() && !result.sources().isEmpty() && !result.degraded()) {
            quality.maybeJudge(result.queryId(), a.question().text(), a.questionVector(), result.answer(),
                    a.relevant());
        }
    }

    private static String guardrails(PreparedQuestion question) {
        return question.guarded().decisions().isEmpty() ? null
                : question.guarded().decisions().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .sorted().collect(Collectors.joining(","));
    }
}

package dev.docent.observe;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Times each stage of the query pipeline (guardrails, embed, cache, route, retrieve, generate) as
 * docent_stage_seconds{stage=...}, with P50/P95/P99 at /metrics (mp.metrics.distribution.percentiles), and traces
 * it as a span {@code docent.STAGE} (MicroProfile Telemetry) inside the request's span. Spans go nowhere until
 * OpenTelemetry is switched on (otel.sdk.disabled=false and an exporter, see CONFIGURATION.md).
 */
@ApplicationScoped
public class StageTimers {

    static final Metadata STAGE = Metadata.builder().withName("docent_stage_seconds")
            .withDescription("Time spent in one stage of answering a question").withUnit(MetricUnits.SECONDS).build();

    private final MetricRegistry metrics;
    private final Tracer tracer;

    @Inject
    public StageTimers(MetricRegistry metrics, Tracer tracer) {
        this.metrics = metrics;
        this.tracer = tracer;
    }

    /** For CDI's client proxy only. */
    protected StageTimers() {
        this(null, null);
    }

    public <T> T time(String stage, Supplier<T> work) {
        long started = System.nanoTime();
        Span span = tracer.spanBuilder("docent." + stage).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
            timer(stage).update(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Timer timer(String stage) {
        return metrics.timer(STAGE, new Tag("stage", stage));
    }
}

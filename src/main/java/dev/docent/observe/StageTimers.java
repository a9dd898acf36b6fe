package dev.docent.observe;

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
 * docent_stage_seconds{stage=...}, with P50/P95/P99 at /metrics (mp.metrics.distribution.percentiles).
 */
@ApplicationScoped
public class StageTimers {

    static final Metadata STAGE = Metadata.builder().withName("docent_stage_seconds")
            .withDescription("Time spent in one stage of answering a question").withUnit(MetricUnits.SECONDS).build();

    private final MetricRegistry metrics;

    @Inject
    public StageTimers(MetricRegistry metrics) {
        this.metrics = metrics;
    }

    /** For CDI's client proxy only. */
    protected StageTimers() {
        this(null);
    }

    public <T> T time(String stage, Supplier<T> work) {
        long started = System.nanoTime();
        try {
            return work.get();
        } finally {
            timer(stage).update(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Timer timer(String stage) {
        return metrics.timer(STAGE, new Tag("stage", stage));
    }
}

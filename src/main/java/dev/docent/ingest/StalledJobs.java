package dev.docent.ingest;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Finds jobs whose worker stopped beating ({@link JobHeartbeats}) and puts them back on the queue, every
 * {@code docent.ingest.stall-check-seconds}. A node that crashed has its messages redelivered by the broker too;
 * this covers the cases the broker cannot see: a worker that hangs, a message lost with its node.
 */
@ApplicationScoped
public class StalledJobs {

    private static final Logger LOG = Logger.getLogger(StalledJobs.class.getName());

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final JobTransitions transitions;
    private final JobHeartbeats heartbeats;
    private final MetricRegistry metrics;
    private final long checkSeconds;
    private ScheduledFuture<?> checking;

    @Inject
    public StalledJobs(JobTransitions transitions, JobHeartbeats heartbeats,
                       MetricRegistry metrics,
                       @ConfigProperty(name = "docent.ingest.stall-check-seconds", defaultValue = "15")
                       long checkSeconds) {
        this.transitions = transitions;
        this.heartbeats = heartbeats;
        this.metrics = metrics;
        this.checkSeconds = checkSeconds;
    }

    /** For CDI's client proxy only. */
    protected StalledJobs() {
        this(null, null, null, 15);
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        checking = scheduler.scheduleWithFixedDelay(this::requeueStalled, checkSeconds, checkSeconds,
                TimeUnit.SECONDS);
    }

    void requeueStalled() {
        try {
            Instant cutoff = heartbeats.stallCutoff();
            for (UUID jobId : transitions.stalled(cutoff)) {
                if (transitions.requeueIfStalled(jobId, cutoff)) {
                    metrics.counter("docent_ingest_jobs_requeued_total").inc();
                    LOG.warning(() -> "Job " + jobId + " stalled (no heartbeat); re-queued");
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not look for stalled jobs; will try again", e);
        }
    }

    @PreDestroy
    void stop() {
        if (checking != null) {
            checking.cancel(false);
        }
    }
}

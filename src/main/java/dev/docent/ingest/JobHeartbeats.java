package dev.docent.ingest;

import dev.docent.store.PrimaryDatabase;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells the cluster which jobs this node is working on: every {@code docent.ingest.heartbeat-seconds} one update
 * stamps them all. A processing job not stamped for {@code docent.ingest.stall-seconds} is stalled: its worker
 * died or hangs, and {@link StalledJobs} puts it back on the queue.
 */
@ApplicationScoped
public class JobHeartbeats {

    private static final Logger LOG = Logger.getLogger(JobHeartbeats.class.getName());

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final PrimaryDatabase database;
    private final long heartbeatSeconds;
    private final Duration stallAfter;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> beating;

    @Inject
    public JobHeartbeats(PrimaryDatabase database,
                         @ConfigProperty(name = "docent.ingest.heartbeat-seconds", defaultValue = "5")
                         long heartbeatSeconds,
                         @ConfigProperty(name = "docent.ingest.stall-seconds", defaultValue = "60")
                         long stallSeconds) {
        this.database = database;
        this.heartbeatSeconds = heartbeatSeconds;
        this.stallAfter = Duration.ofSeconds(Math.max(stallSeconds, 2 * heartbeatSeconds));
    }

    /** For CDI's client proxy only. */
    protected JobHeartbeats() {
        this(null, 5, 60);
    }

    /** Beats for the job until the returned handle is closed. */
    public Beat beatFor(UUID jobId) {
        start();
        running.add(jobId);
        return () -> running.remove(jobId);
    }

    /** Processing jobs last heard from before this instant are stalled. */
    public Instant stallCutoff() {
        return Instant.now().minus(stallAfter);
    }

    /** A heartbeat registration; closing it stops the beats. */
    public interface Beat extends AutoCloseable {
        @Override
        void close();
    }

    private synchronized void start() {
        if (beating == null) {
            beating = scheduler.scheduleWithFixedDelay(this::beat, heartbeatSeconds, heartbeatSeconds,
                    TimeUnit.SECONDS);
        }
    }

    private void beat() {
        if (running.isEmpty()) {
            return;
        }
        UUID[] jobs = running.toArray(UUID[]::new);
        try {
            database.asSystem(connection -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE ingestion_job SET heartbeat_at = now() WHERE id = ANY (?) AND status = 'processing'")) {
                    update.setArray(1, connection.createArrayOf("uuid", jobs));
                    return update.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "heartbeat not recorded; the next one will be", e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (beating != null) {
            beating.cancel(false);
        }
    }
}

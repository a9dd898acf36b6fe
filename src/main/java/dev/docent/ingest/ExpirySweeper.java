package dev.docent.ingest;

import dev.docent.store.PrimaryDatabase;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import dev.docent.ingest.original.OriginalStorage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Removes documents past their expiry for good, every {@code docent.ttl.sweep-seconds}: their chunks go with them
 * (logged for the keyword indexes), so do their stored originals and every cached answer citing them. Queries
 * already ignore expired content; this takes it off the disk. Several nodes may sweep at once: each takes rows no
 * other holds (SKIP LOCKED).
 */
@ApplicationScoped
public class ExpirySweeper {

    private static final Logger LOG = Logger.getLogger(ExpirySweeper.class.getName());

    private static final String SWEEP = """
            WITH expired AS (
                SELECT id FROM document WHERE expires_at < now() ORDER BY expires_at LIMIT 500
                FOR UPDATE SKIP LOCKED),
            originals AS (
                DELETE FROM stored_original WHERE id IN (
                    SELECT original_id FROM ingestion_job WHERE original_id IS NOT NULL
                    AND document_id IN (SELECT id FROM expired))
                RETURNING object_key),
            gone AS (DELETE FROM document WHERE id IN (SELECT id FROM expired) RETURNING id)
            SELECT (SELECT count(*) FROM gone),
                   array(SELECT object_key FROM originals WHERE object_key IS NOT NULL)""";

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final PrimaryDatabase database;
    private final OriginalStorage originals;
    private final long intervalSeconds;
    private ScheduledFuture<?> sweeping;

    @Inject
    public ExpirySweeper(PrimaryDatabase database, OriginalStorage originals,
                         @ConfigProperty(name = "docent.ttl.sweep-seconds", defaultValue = "600") long intervalSeconds) {
        this.database = database;
        this.originals = originals;
        this.intervalSeconds = intervalSeconds;
    }

    /** For CDI's client proxy only. */
    protected ExpirySweeper() {
        this(null, null, 600);
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        sweeping = scheduler.scheduleWithFixedDelay(this::sweepQuietly, intervalSeconds, intervalSeconds,
                TimeUnit.SECONDS);
    }

    /** Removes expired documents in batches; returns how many. */
    public int sweep() {
        int total = 0;
        int removed;
        do {
            List<String> objectKeys = new ArrayList<>();
            removed = database.asSystem(connection -> {
                try (PreparedStatement delete = connection.prepareStatement(SWEEP);
                     ResultSet result = delete.executeQuery()) {
                    result.next();
                    objectKeys.addAll(Arrays.asList((String[]) result.getArray(2).getArray()));
                    return result.getInt(1);
                }
            });
            // Committed: the originals kept in an object store go too.
            originals.remove(objectKeys);
            total += removed;
        } while (removed > 0);
        return total;
    }

    private void sweepQuietly() {
        try {
            int removed = sweep();
            if (removed > 0) {
                LOG.info(() -> "Removed " + removed + " expired documents");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not remove expired documents; will try again", e);
        }
    }

    @PreDestroy
    void stop() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
    }
}

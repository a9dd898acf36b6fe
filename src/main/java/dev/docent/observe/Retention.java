package dev.docent.observe;

import dev.docent.cache.SemanticCache;
import dev.docent.search.keyword.ChangeLogPruning;
import dev.docent.store.DatabaseUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Keeps what Docent records from growing without bound, every {@code docent.retention.sweep-seconds}: questions
 * older than {@code docent.retention.query-log-days} leave the query log with the feedback on them (0 keeps them
 * for ever), cached answers past their expiry leave the cache, and the keyword indexes' change log keeps
 * {@code docent.retention.change-log-days} (a node down for longer rebuilds its index; 0 keeps it all). Removed in
 * batches, so that no sweep holds its locks for long; several nodes may sweep at once (each skips rows another
 * holds). Documents past their own expiry are the ingestion side's {@code ExpirySweeper}; the audit log is kept, as
 * audit trails are.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());
    static final int BATCH = 5000;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final QueryLog queryLog;
    private final SemanticCache cache;
    private final MetricRegistry metrics;
    private final ChangeLogPruning changeLog;
    private final int queryLogDays;
    private final int changeLogDays;
    private final long intervalSeconds;
    private ScheduledFuture<?> sweeping;

    /** What one sweep removed. */
    public record Swept(int questions, int cachedAnswers, int changes) {
    }

    @Inject
    public Retention(QueryLog queryLog, SemanticCache cache, ChangeLogPruning changeLog, MetricRegistry metrics,
                     @ConfigProperty(name = "docent.retention.query-log-days", defaultValue = "90") int queryLogDays,
                     @ConfigProperty(name = "docent.retention.change-log-days", defaultValue = "7")
                     int changeLogDays,
                     @ConfigProperty(name = "docent.retention.sweep-seconds", defaultValue = "3600")
                     long intervalSeconds) {
        this.queryLog = queryLog;
        this.cache = cache;
        this.changeLog = changeLog;
        this.metrics = metrics;
        this.queryLogDays = queryLogDays;
        this.changeLogDays = changeLogDays;
        this.intervalSeconds = intervalSeconds;
    }

    /** For CDI's client proxy only. */
    protected Retention() {
        this(null, null, null, null, 0, 7, 3600);
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        sweeping = scheduler.scheduleWithFixedDelay(this::sweepQuietly, intervalSeconds, intervalSeconds,
                TimeUnit.SECONDS);
    }

    public Swept sweep() {
        int questions = queryLogDays > 0 ? inBatches(() -> queryLog.removeOlderThan(queryLogDays, BATCH)) : 0;
        metrics.counter("docent_retention_removed_total", new Tag("kind", "questions")).inc(questions);
        int cachedAnswers = inBatches(() -> cache.removeExpired(BATCH));
        metrics.counter("docent_retention_removed_total", new Tag("kind", "cached_answers")).inc(cachedAnswers);
        int changes = changeLogDays > 0 ? inBatches(() -> changeLog.removeOlderThan(changeLogDays, BATCH)) : 0;
        metrics.counter("docent_retention_removed_total", new Tag("kind", "changes")).inc(changes);
        return new Swept(questions, cachedAnswers, changes);
    }

    private static int inBatches(IntSupplier batch) {
        int total = 0;
        int removed;
        do {
            removed = batch.getAsInt();
            total += removed;
        } while (removed == BATCH);
        return total;
    }

    private void sweepQuietly() {
        try {
            Swept swept = sweep();
            if (swept.questions() + swept.cachedAnswers() + swept.changes() > 0) {
                LOG.info(() -> "Retention: removed " + swept.questions() + " questions older than " + queryLogDays
                        + " days, " + swept.cachedAnswers() + " expired cached answers and " + swept.changes()
                        + " keyword index changes older than " + changeLogDays + " days");
            }
        } catch (DatabaseUnavailableException e) {
            // An outage is reported once, by DatabaseStatus.
            LOG.log(Level.FINE, "retention sweep skipped: database out of reach", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "retention sweep failed; will try again", e);
        }
    }

    @PreDestroy
    void stop() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
    }
}

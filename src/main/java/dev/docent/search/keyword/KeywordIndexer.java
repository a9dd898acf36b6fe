package dev.docent.search.keyword;

import dev.docent.search.RetrievedChunk;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps this node's keyword index in step with PostgreSQL: builds it from every chunk when it is new, was built
 * from another database or is older than what the change log still holds, then tails the change log every
 * {@code docent.index.poll-millis}. Searching never waits for the tailer; how far behind it is, is visible in
 * readiness and /metrics.
 */
@ApplicationScoped
public class KeywordIndexer {

    private static final Logger LOG = Logger.getLogger(KeywordIndexer.class.getName());
    private static final String WATERMARK = "watermark";
    private static final String INSTANCE = "instance";
    /** What each entry holds; an index written in another format is rebuilt. 2: with the chunk's embedding. */
    private static final String FORMAT = "format";
    private static final String CURRENT_FORMAT = "2";

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final ChangeLog log;
    private final Path directory;
    private final long pollMillis;
    private volatile KeywordIndex index;
    private volatile String instance;
    private volatile String watermark;
    private volatile boolean built;
    /** Set when the change log no longer reaches back to the index's watermark: the next round builds anew. */
    private volatile boolean rebuild;
    private volatile ChangeLog.Lag lag = new ChangeLog.Lag(0, 0);
    private volatile String lastError;
    private ScheduledFuture<?> tailing;

    @Inject
    public KeywordIndexer(ChangeLog log,
                          @ConfigProperty(name = "docent.index.dir", defaultValue = "keyword-index") String directory,
                          @ConfigProperty(name = "docent.index.poll-millis", defaultValue = "500") long pollMillis) {
        this.log = log;
        this.directory = Path.of(directory).toAbsolutePath();
        this.pollMillis = pollMillis;
    }

    /** For CDI's client proxy only. */
    protected KeywordIndexer() {
        this(null, "keyword-index", 500);
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        start();
    }

    synchronized void start() {
        if (tailing != null) {
            return;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the keyword index directory " + directory, e);
        }
        index = new KeywordIndex(directory);
        tailing = scheduler.scheduleWithFixedDelay(this::catchUp, 0, pollMillis, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Keyword index at " + directory);
    }

    /** One round: build if needed, then apply the next window of the change log. */
    synchronized void catchUp() {
        if (index == null) {
            return;
        }
        try {
            if (!built) {
                buildIfNeeded();
            }
            AtomicBoolean changed = new AtomicBoolean();
            String next = log.changesSince(watermark, page -> {
                if (changed.compareAndSet(false, true)) {
                    // A large window takes seconds to apply; until then the lag shows it, not the last round's.
                    refreshLag();
                }
                page.upserts().forEach(index::upsert);
                page.deletes().forEach(index::delete);
            });
            if (changed.get() || !next.equals(watermark)) {
                commit(next);
            }
            refreshLag();
            lastError = null;
        } catch (ChangeLog.ChangesPrunedException e) {
            LOG.info(() -> "Keyword index is behind the change log's retention (" + e.getMessage() + ")");
            built = false;
            rebuild = true;
        } catch (SQLException | RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastError)) {
                LOG.log(Level.WARNING, "keyword index could not catch up; will try again", e);
            }
            lastError = String.valueOf(e.getMessage());
        }
    }

    private void buildIfNeeded() throws SQLException {
        instance = log.instanceId();
        Map<String, String> state = index.committedState();
        if (!rebuild && instance.equals(state.get(INSTANCE)) && CURRENT_FORMAT.equals(state.get(FORMAT))
                && state.containsKey(WATERMARK)) {
            watermark = state.get(WATERMARK);
            built = true;
            LOG.info(() -> "Keyword index resumes at transaction " + watermark + " (" + index.size() + " chunks)");
            return;
        }
        long started = System.nanoTime();
        index.deleteAll();
        String resumeAt = log.everything(page -> page.forEach(index::upsert));
        commit(resumeAt);
        built = true;
        rebuild = false;
        LOG.info(() -> "Keyword index built: " + index.size() + " chunks in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private void refreshLag() {
        try {
            lag = log.lag(watermark);
        } catch (SQLException e) {
            LOG.log(Level.FINE, "keyword index lag not measured this round", e);
        }
    }

    private void commit(String next) {
        index.commit(Map.of(INSTANCE, instance, WATERMARK, next, FORMAT, CURRENT_FORMAT));
        watermark = next;
    }

    /** BM25 matches; with the question's {@code vector} (or null), each with its similarity to the question. */
    public List<RetrievedChunk> search(String text, float[] vector, Collection<String> groups,
                                       Collection<Long> collectionIds, int topK) {
        KeywordIndex current = index;
        if (current == null) {
            return List.of();
        }
        return current.search(text, vector, groups, collectionIds, Instant.now(), topK);
    }

    public boolean built() {
        return built;
    }

    public ChangeLog.Lag lag() {
        return lag;
    }

    public int size() {
        KeywordIndex current = index;
        return current == null ? 0 : current.size();
    }

    @PreDestroy
    synchronized void stop() {
        if (tailing != null) {
            tailing.cancel(false);
            tailing = null;
        }
        if (index != null) {
            index.close();
            index = null;
        }
    }
}

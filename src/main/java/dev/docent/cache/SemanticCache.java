package dev.docent.cache;

import dev.docent.search.SearchHit;
import dev.docent.security.Caller;
import dev.docent.store.DatabaseUnavailableException;
import dev.docent.store.PgArrays;
import dev.docent.store.PrimaryDatabase;
import dev.docent.store.QueryDatabase;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Answers to questions asked before, in the same collections and with the same answering configuration: first by
 * the normalized text, then by embedding similarity (pgvector) with the same polarity ({@link QuestionForms}) and
 * the same subject ({@link AnswerSubject}).
 * Lookups keep only entries whose every cited document the caller can read, in the query itself and again through
 * row-level security (the caller's scope); a match the caller may not see is counted as a rejected hit and treated
 * as a miss. The cache is an optimisation: when it fails, the question is answered the normal way.
 */
@ApplicationScoped
public class SemanticCache implements AnswerCache {

    private static final Logger LOG = Logger.getLogger(SemanticCache.class.getName());
    private static final int MAX_KNOWN_QUESTIONS = 100_000;

    @Resource(lookup = "concurrent/docentExecutor")
    private ManagedExecutorService executor;

    private final QueryDatabase database;
    private final PrimaryDatabase primary;
    private final MetricRegistry metrics;
    private final boolean enabled;
    private final double minSimilarity;
    private final Duration ttl;
    /**
     * Hashes of the questions this node knows to have an entry (it wrote it, or served it). For these the exact
     * lookup goes first and no embedding is needed; any other question is embedded first and both lookups go in one
     * round trip, which still finds an entry another node wrote, or one from before a restart.
     */
    private final Set<String> knownQuestions = ConcurrentHashMap.newKeySet();

    @Inject
    public SemanticCache(QueryDatabase database, PrimaryDatabase primary, MetricRegistry metrics,
                         @ConfigProperty(name = "docent.cache.enabled", defaultValue = "true") boolean enabled,
                         @ConfigProperty(name = "docent.cache.min-similarity", defaultValue = "0.93")
                         double minSimilarity,
                         @ConfigProperty(name = "docent.cache.ttl-minutes", defaultValue = "1440") long ttlMinutes) {
        this.database = database;
        this.primary = primary;
        this.metrics = metrics;
        this.enabled = enabled;
        this.minSimilarity = minSimilarity;
        this.ttl = Duration.ofMinutes(ttlMinutes);
    }

    /** For CDI's client proxy only. */
    protected SemanticCache() {
        this(null, null, null, false, 1, 0);
    }

    /**
     * The cached answer for this question, if the caller may read all it cites. For a question this node knows to
     * be cached the exact form is tried first, so that a repeated question needs no embedding; {@code vector}, the
     * question embedded as a sentence (without the query instruction, like the entries), is asked for only when
     * that misses. Any other question is embedded first and looked up both ways in one round trip.
     */
    @Override
    public Optional<CachedAnswer> lookup(String question, Supplier<float[]> vector, String scopeKey, String configKey,
                                         Caller caller) {
        if (!enabled) {
            return Optional.empty();
        }
        try {
            String hash = QuestionForms.hash(QuestionForms.normalize(question));
            String groups = PgArrays.literal(caller.groups());
            boolean known = knownQuestions.contains(hash);
            Optional<CacheQueries.Found> found = Optional.empty();
            if (known) {
                found = lookup(caller, Map.of(), CacheQueries.exact(hash, scopeKey, configKey, groups));
            }
            if (found.isEmpty()) {
                // Embedded between round trips, so no connection waits for the model; for a question not known
                // here the exact entry is looked up in the same round trip.
                found = lookup(caller, CacheQueries.NEAREST_SETTINGS, CacheQueries.nearest(known ? null : hash,
                        question, vector.get(), scopeKey, configKey, groups, minSimilarity));
            }
            if (found.isPresent()) {
                count("docent_cache_hits_total", new Tag("match", found.get().match()));
                if (CachedAnswer.SEMANTIC.equals(found.get().match())) {
                    rememberPhrasing(found.get().id(), hash, question, vector.get());
                } else {
                    know(hash);
                }
                return Optional.of(new CachedAnswer(found.get().answer(), found.get().sources(), found.get().match()));
            }
            countMiss(question, hash, vector.get(), scopeKey, configKey);
            return Optional.empty();
        } catch (DatabaseUnavailableException e) {
            LOG.log(Level.FINE, "cache out of reach; answering without it", e);
            count("docent_cache_misses_total");
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cache lookup failed; answering without it", e);
            count("docent_cache_misses_total");
            return Optional.empty();
        }
    }

    /**
     * Keeps an answer that rests on sources; answers without any ("I don't know") depend on who asks. Nothing is
     * kept if a cited document changed after {@code retrievedAt}: the change's invalidation has already run, and
     * the answer may rest on what it replaced.
     */
    @Override
    public void store(String question, float[] vector, String scopeKey, String configKey, String answer,
                      List<SearchHit> sources, Instant retrievedAt) {
        if (!enabled || sources.isEmpty()) {
            return;
        }
        String hash = QuestionForms.hash(QuestionForms.normalize(question));
        try {
            int stored = primary.asSystem(connection -> CacheQueries.insert(connection, question, hash, vector,
                    scopeKey, configKey, answer, sources, Instant.now().plus(ttl), retrievedAt));
            if (stored > 0) {
                know(hash);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not keep an answer in the cache", e);
        }
    }

    /**
     * Empties the cache; returns how many entries there were. TRUNCATE, not DELETE: deleted rows stay in the HNSW
     * index until vacuum, and a question cached again soon after (the same vector) links into a crowd of its dead
     * copies, where the graph may not reach it: its paraphrases miss (HNSW is not built for many equal vectors).
     * Lookups wait for the lock a moment; entries being written are counted and go too.
     */
    public int flush() {
        knownQuestions.clear();
        return primary.asSystem(CacheQueries::truncate);
    }

    /**
     * Removes up to {@code batch} entries past their expiry; returns how many. Lookups already pass over them, but
     * their rows, and their place in the vector index that every semantic lookup walks, stay until removed.
     */
    public int removeExpired(int batch) {
        return primary.countAsSystem("""
                WITH gone AS (DELETE FROM semantic_cache WHERE id IN (
                    SELECT id FROM semantic_cache WHERE expires_at < now()
                    ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING 1)
                SELECT count(*) FROM gone""", batch);
    }

    public long size() {
        return primary.countAsSystem("SELECT count(*) FROM semantic_cache WHERE expires_at > now()");
    }

    /**
     * A miss is a rejected hit when an entry the caller may not read would have matched. Telling the two apart is
     * bookkeeping for the metrics, so it runs after the answer, not in its way.
     */
    private void countMiss(String question, String hash, float[] query, String scopeKey, String configKey) {
        try {
            executor.execute(() -> {
                CacheQueries.Lookup anyEntry = CacheQueries.nearest(hash, question, query, scopeKey, configKey, null,
                        minSimilarity);
                boolean hidden = primary.queryAsSystem(CacheQueries.NEAREST_SETTINGS, anyEntry.sql(),
                        anyEntry.query()).isPresent();
                count(hidden ? "docent_cache_rejected_hits_total" : "docent_cache_misses_total");
            });
        } catch (RejectedExecutionException e) {
            count("docent_cache_misses_total");
        }
    }

    /**
     * A question served from a paraphrase's entry gets an entry of its own, so that asked again it is an exact hit:
     * no embedding, which is most of a semantic hit's time (on the SciFact queries, one repeated question in ten
     * was answered through a near-duplicate's entry, every time, and those made the hits' P95).
     */
    private void rememberPhrasing(UUID entry, String hash, String question, float[] vector) {
        try {
            executor.execute(() -> {
                try {
                    primary.asSystem(connection -> CacheQueries.alias(connection, entry, question, hash, vector));
                    // Written now, or already there: either way an entry answers this phrasing exactly.
                    know(hash);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "phrasing not remembered; the paraphrase stays a semantic hit", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.fine("busy: phrasing not remembered");
        }
    }

    /** One round trip: the caller's scope, the settings and the lookup go together. */
    private Optional<CacheQueries.Found> lookup(Caller caller, Map<String, String> settings,
                                                CacheQueries.Lookup lookup) {
        return database.queryAsCaller(caller, settings, lookup.sql(), lookup.query());
    }

    private void know(String hash) {
        if (knownQuestions.size() >= MAX_KNOWN_QUESTIONS) {
            // Forgetting costs the questions an embedding each until they are served again.
            knownQuestions.clear();
        }
        knownQuestions.add(hash);
    }

    private void count(String name, Tag... tags) {
        metrics.counter(name, tags).inc();
    }
}

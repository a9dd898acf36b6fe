package dev.docent.cache;

import com.pgvector.PGhalfvec;
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
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
    private static final Type SOURCES = new ArrayList<SearchHit>() { }.getClass().getGenericSuperclass();

    /** Every cited document readable by the groups and not expired: the query's own filter before row security. */
    private static final String READABLE = """
            NOT EXISTS (SELECT 1 FROM unnest(document_ids) AS cited(id)
                        WHERE NOT EXISTS (SELECT 1 FROM document d WHERE d.id = cited.id AND d.acl_groups && ?::text[]
                                          AND (d.expires_at IS NULL OR d.expires_at > now())))""";
    static final String EXACT = """
            SELECT id, question, answer, sources FROM semantic_cache
            WHERE question_hash = ? AND scope_key = ? AND config_key = ? AND expires_at > now() AND %s
            LIMIT 1""";
    private static final String NEAREST = """
            SELECT id, question, answer, sources, 1 - (embedding <=> ?) AS similarity FROM semantic_cache
            WHERE scope_key = ? AND config_key = ? AND expires_at > now() AND %s
            ORDER BY embedding <=> ? LIMIT 5""";
    private static final String ITERATIVE_SCAN = "SELECT set_config('hnsw.iterative_scan', 'strict_order', true)";
    /** A copy of an entry under another phrasing: same documents, same expiry, so that it goes when they change. */
    private static final String ALIAS = """
            INSERT INTO semantic_cache (id, question, question_hash, embedding, scope_key, config_key, answer, sources,
                                        document_ids, created_at, expires_at)
            SELECT ?, ?, ?, ?, c.scope_key, c.config_key, c.answer, c.sources, c.document_ids, c.created_at, c.expires_at
            FROM semantic_cache c
            WHERE c.id = ? AND c.expires_at > now() AND NOT EXISTS (SELECT 1 FROM semantic_cache e
                WHERE e.question_hash = ? AND e.scope_key = c.scope_key AND e.config_key = c.config_key)""";

    @Resource(lookup = "concurrent/docentExecutor")
    private ManagedExecutorService executor;

    private final QueryDatabase database;
    private final PrimaryDatabase primary;
    private final MetricRegistry metrics;
    private final boolean enabled;
    private final double minSimilarity;
    private final Duration ttl;
    private final Jsonb json = JsonbBuilder.create();

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
     * The cached answer for this question, if the caller may read all it cites. The exact form is tried first,
     * so that a repeated question needs no embedding; {@code vector}, the question embedded as a sentence (without
     * the query instruction, like the entries), is asked for only when that misses.
     */
    @Override
    public Optional<CachedAnswer> lookup(String question, Supplier<float[]> vector, String scopeKey, String configKey,
                                         Caller caller) {
        if (!enabled) {
            return Optional.empty();
        }
        try {
            String normalized = QuestionForms.normalize(question);
            String groups = PgArrays.literal(caller.groups());
            // One transaction for both lookups: the embedding is computed while the connection waits, which costs
            // less than a second checkout, scope and commit.
            Optional<Found> found = database.asCaller(caller, c -> {
                Optional<Found> exact = exact(c, normalized, scopeKey, configKey, groups);
                return exact.isPresent() ? exact : nearest(c, question, vector.get(), scopeKey, configKey, groups);
            });
            if (found.isPresent()) {
                count("docent_cache_hits_total", new Tag("match", found.get().match()));
                if (CachedAnswer.SEMANTIC.equals(found.get().match())) {
                    rememberPhrasing(found.get().id(), question, vector.get());
                }
                return Optional.of(new CachedAnswer(found.get().answer(), found.get().sources(), found.get().match()));
            }
            countMiss(question, vector.get(), scopeKey, configKey);
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
        String normalized = QuestionForms.normalize(question);
        UUID[] documents = sources.stream().map(SearchHit::documentId).distinct().toArray(UUID[]::new);
        try {
            primary.asSystem(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO semantic_cache (id, question, question_hash, embedding, scope_key, config_key,
                                                    answer, sources, document_ids, expires_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                        WHERE (SELECT count(*) FROM document WHERE id = ANY (?) AND updated_at <= ?) = ?""")) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, question); // as asked: names keep their capitals for the polarity check
                    insert.setString(3, QuestionForms.hash(normalized));
                    insert.setObject(4, new PGhalfvec(vector));
                    insert.setString(5, scopeKey);
                    insert.setString(6, configKey);
                    insert.setString(7, answer);
                    insert.setString(8, json.toJson(sources));
                    insert.setArray(9, connection.createArrayOf("uuid", documents));
                    insert.setTimestamp(10, Timestamp.from(Instant.now().plus(ttl)));
                    insert.setArray(11, connection.createArrayOf("uuid", documents));
                    insert.setTimestamp(12, Timestamp.from(retrievedAt));
                    insert.setInt(13, documents.length);
                    return insert.executeUpdate();
                }
            });
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
        return primary.asSystem(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE semantic_cache IN ACCESS EXCLUSIVE MODE");
                int entries;
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM semantic_cache")) {
                    rows.next();
                    entries = rows.getInt(1);
                }
                statement.execute("TRUNCATE semantic_cache");
                return entries;
            }
        });
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

    private record Found(UUID id, String answer, List<SearchHit> sources, String match) {
    }

    /** {@code groups}: the caller's, as a text[] literal; null for the system's view (any entry). */
    private Optional<Found> exact(Connection connection, String normalized, String scopeKey, String configKey,
                                  String groups) throws SQLException {
        try (PreparedStatement exact = connection.prepareStatement(EXACT.formatted(groups == null ? "true" : READABLE))) {
            exact.setString(1, QuestionForms.hash(normalized));
            exact.setString(2, scopeKey);
            exact.setString(3, configKey);
            if (groups != null) {
                exact.setString(4, groups);
            }
            try (ResultSet rows = exact.executeQuery()) {
                return rows.next() ? Optional.of(found(rows, CachedAnswer.EXACT)) : Optional.empty();
            }
        }
    }

    private Optional<Found> nearest(Connection connection, String question, float[] vector, String scopeKey,
                                    String configKey, String groups) throws SQLException {
        PGhalfvec query = new PGhalfvec(vector);
        // A plain HNSW scan stops after ef_search candidates, and the nearest ones may all be entries this lookup
        // passes over: the same question cached for other collections or configurations, entries the caller may
        // not read, deleted ones vacuum has not removed yet. An iterative scan goes on until rows pass.
        try (PreparedStatement settings = connection.prepareStatement(ITERATIVE_SCAN)) {
            settings.execute();
        }
        try (PreparedStatement nearest = connection.prepareStatement(
                NEAREST.formatted(groups == null ? "true" : READABLE))) {
            int at = 1;
            nearest.setObject(at++, query);
            nearest.setString(at++, scopeKey);
            nearest.setString(at++, configKey);
            if (groups != null) {
                nearest.setString(at++, groups);
            }
            nearest.setObject(at, query);
            try (ResultSet rows = nearest.executeQuery()) {
                while (rows.next()) {
                    if (rows.getDouble(5) >= minSimilarity
                            && QuestionForms.samePolarity(question, rows.getString(2))
                            && AnswerSubject.kept(rows.getString(2), rows.getString(3), question)) {
                        return Optional.of(found(rows, CachedAnswer.SEMANTIC));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Found found(ResultSet rows, String match) throws SQLException {
        List<SearchHit> sources = json.fromJson(rows.getString(4), SOURCES);
        return new Found(rows.getObject(1, UUID.class), rows.getString(3), sources, match);
    }

    /**
     * A miss is a rejected hit when an entry the caller may not read would have matched. Telling the two apart is
     * bookkeeping for the metrics, so it runs after the answer, not in its way.
     */
    private void countMiss(String question, float[] query, String scopeKey, String configKey) {
        String normalized = QuestionForms.normalize(question);
        try {
            executor.execute(() -> {
                boolean hidden = primary.asSystem(c -> exact(c, normalized, scopeKey, configKey, null).isPresent()
                        || nearest(c, question, query, scopeKey, configKey, null).isPresent());
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
    private void rememberPhrasing(UUID entry, String question, float[] vector) {
        String hash = QuestionForms.hash(QuestionForms.normalize(question));
        try {
            executor.execute(() -> {
                try {
                    primary.asSystem(connection -> {
                        try (PreparedStatement alias = connection.prepareStatement(ALIAS)) {
                            alias.setObject(1, UUID.randomUUID());
                            alias.setString(2, question);
                            alias.setString(3, hash);
                            alias.setObject(4, new PGhalfvec(vector));
                            alias.setObject(5, entry);
                            alias.setString(6, hash);
                            return alias.executeUpdate();
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "phrasing not remembered; the paraphrase stays a semantic hit", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.fine("busy: phrasing not remembered");
        }
    }

    private void count(String name, Tag... tags) {
        metrics.counter(name, tags).inc();
    }
}

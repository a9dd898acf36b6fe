package dev.docent.cache;

import com.pgvector.PGhalfvec;
import dev.docent.search.SearchHit;
import dev.docent.store.ScopedQuery;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The cache's SQL, on a connection whose transaction and row-level security scope the caller has set up: the
 * lookups (which check, in the query itself, that the asker may read every cited document), and the writes.
 */
final class CacheQueries {

    private static final Type SOURCES = new ArrayList<SearchHit>() { }.getClass().getGenericSuperclass();
    private static final Jsonb JSON = JsonbBuilder.create();

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
    /**
     * Both lookups in one round trip, for a question already embedded: the exact entry, if any, comes with a
     * similarity no real match reaches.
     */
    private static final String EXACT_OR_NEAREST = """
            (SELECT id, question, answer, sources, 2.0::float8 AS similarity FROM semantic_cache
             WHERE question_hash = ? AND scope_key = ? AND config_key = ? AND expires_at > now() AND %1$s LIMIT 1)
            UNION ALL
            (%2$s)""";
    private static final double EXACT_SIMILARITY = 2.0;
    /** A copy of an entry under another phrasing: same documents, same expiry, so that it goes when they change. */
    private static final String ALIAS = """
            INSERT INTO semantic_cache (id, question, question_hash, embedding, scope_key, config_key, answer, sources,
                                        document_ids, created_at, expires_at)
            SELECT ?, ?, ?, ?, c.scope_key, c.config_key, c.answer, c.sources, c.document_ids, c.created_at, c.expires_at
            FROM semantic_cache c
            WHERE c.id = ? AND c.expires_at > now() AND NOT EXISTS (SELECT 1 FROM semantic_cache e
                WHERE e.question_hash = ? AND e.scope_key = c.scope_key AND e.config_key = c.config_key)""";
    private static final String INSERT = """
            INSERT INTO semantic_cache (id, question, question_hash, embedding, scope_key, config_key,
                                        answer, sources, document_ids, expires_at)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
            WHERE (SELECT count(*) FROM document WHERE id = ANY (?) AND updated_at <= ?) = ?""";

    private CacheQueries() {
    }

    /** An entry that answers the question, and how it matched. */
    record Found(UUID id, String answer, List<SearchHit> sources, String match) {
    }

    /** A lookup: its SQL and how to bind it and read its rows. */
    record Lookup(String sql, ScopedQuery<Optional<Found>> query) {
    }

    /**
     * The session settings a nearest-neighbour lookup needs. A plain HNSW scan stops after ef_search candidates,
     * and the nearest ones may all be entries the lookup passes over: the same question cached for other
     * collections or configurations, entries the caller may not read, deleted ones vacuum has not removed yet. An
     * iterative scan goes on until rows pass.
     */
    static final Map<String, String> NEAREST_SETTINGS = Map.of("hnsw.iterative_scan", "strict_order");

    /** {@code groups}: the caller's, as a text[] literal; null for the system's view (any entry). */
    static Lookup exact(String hash, String scopeKey, String configKey, String groups) {
        String readable = groups == null ? "true" : READABLE;
        return new Lookup(EXACT.formatted(readable), new ScopedQuery<>() {
            @Override
            public void bind(PreparedStatement statement, int index) throws SQLException {
                bindExact(statement, index, hash, scopeKey, configKey, groups);
            }

            @Override
            public Optional<Found> read(ResultSet rows) throws SQLException {
                return rows.next() ? Optional.of(found(rows, CachedAnswer.EXACT)) : Optional.empty();
            }
        });
    }

    /** With {@code exactHash}, the exact entry too, in the same round trip; it wins over any near one. */
    static Lookup nearest(String exactHash, String question, float[] vector, String scopeKey, String configKey,
                          String groups, double minSimilarity) {
        String readable = groups == null ? "true" : READABLE;
        String sql = exactHash == null ? NEAREST.formatted(readable)
                : EXACT_OR_NEAREST.formatted(readable, NEAREST.formatted(readable));
        PGhalfvec query = new PGhalfvec(vector);
        return new Lookup(sql, new ScopedQuery<>() {
            @Override
            public void bind(PreparedStatement statement, int index) throws SQLException {
                int at = exactHash == null ? index : bindExact(statement, index, exactHash, scopeKey, configKey, groups);
                statement.setObject(at++, query);
                statement.setString(at++, scopeKey);
                statement.setString(at++, configKey);
                if (groups != null) {
                    statement.setString(at++, groups);
                }
                statement.setObject(at, query);
            }

            @Override
            public Optional<Found> read(ResultSet rows) throws SQLException {
                Found near = null;
                while (rows.next()) {
                    if (rows.getDouble(5) == EXACT_SIMILARITY) {
                        return Optional.of(found(rows, CachedAnswer.EXACT));
                    }
                    if (near == null && rows.getDouble(5) >= minSimilarity
                            && QuestionForms.samePolarity(question, rows.getString(2))
                            && AnswerSubject.kept(rows.getString(2), rows.getString(3), question)) {
                        near = found(rows, CachedAnswer.SEMANTIC);
                    }
                }
                return Optional.ofNullable(near);
            }
        });
    }

    private static int bindExact(PreparedStatement statement, int index, String hash, String scopeKey,
                                 String configKey, String groups) throws SQLException {
        int at = index;
        statement.setString(at++, hash);
        statement.setString(at++, scopeKey);
        statement.setString(at++, configKey);
        if (groups != null) {
            statement.setString(at++, groups);
        }
        return at;
    }

    private static Found found(ResultSet rows, String match) throws SQLException {
        List<SearchHit> sources = JSON.fromJson(rows.getString(4), SOURCES);
        return new Found(rows.getObject(1, UUID.class), rows.getString(3), sources, match);
    }

    /** Keeps an answer unless a cited document changed after {@code retrievedAt}; returns the rows written. */
    static int insert(Connection connection, String question, String hash, float[] vector, String scopeKey,
                      String configKey, String answer, List<SearchHit> sources, Instant expiresAt,
                      Instant retrievedAt) throws SQLException {
        UUID[] documents = sources.stream().map(SearchHit::documentId).distinct().toArray(UUID[]::new);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, question); // as asked: names keep their capitals for the polarity check
            insert.setString(3, hash);
            insert.setObject(4, new PGhalfvec(vector));
            insert.setString(5, scopeKey);
            insert.setString(6, configKey);
            insert.setString(7, answer);
            insert.setString(8, JSON.toJson(sources));
            insert.setArray(9, connection.createArrayOf("uuid", documents));
            insert.setTimestamp(10, Timestamp.from(expiresAt));
            insert.setArray(11, connection.createArrayOf("uuid", documents));
            insert.setTimestamp(12, Timestamp.from(retrievedAt));
            insert.setInt(13, documents.length);
            return insert.executeUpdate();
        }
    }

    /** Copies an entry under another phrasing, unless that phrasing has an entry already. */
    static int alias(Connection connection, UUID entry, String question, String hash, float[] vector)
            throws SQLException {
        try (PreparedStatement alias = connection.prepareStatement(ALIAS)) {
            alias.setObject(1, UUID.randomUUID());
            alias.setString(2, question);
            alias.setString(3, hash);
            alias.setObject(4, new PGhalfvec(vector));
            alias.setObject(5, entry);
            alias.setString(6, hash);
            return alias.executeUpdate();
        }
    }

    /** Empties the cache; returns how many entries there were. */
    static int truncate(Connection connection) throws SQLException {
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
    }
}

package dev.docent.search;

import com.pgvector.PGhalfvec;
import dev.docent.security.Caller;
import dev.docent.store.PgArrays;
import dev.docent.store.QueryDatabase;
import dev.docent.store.ScopedQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks passages found outside PostgreSQL (the keyword index) against PostgreSQL itself, in the caller's
 * row-level security scope: a passage deleted, expired or re-permissioned since the index last caught up is
 * dropped, and every survivor gets its cosine similarity to the question. So the keyword path can lag, but it can
 * never show what the database would not.
 */
@ApplicationScoped
public class ChunkVerifier {

    private static final String QUERY = """
            SELECT c.id, c.embedding <=> ? AS distance
            FROM chunk c
            WHERE c.id = ANY (?) AND c.acl_groups && ?::text[] AND (c.expires_at IS NULL OR c.expires_at > now())""";

    private final QueryDatabase database;

    @Inject
    public ChunkVerifier(QueryDatabase database) {
        this.database = database;
    }

    /** For CDI's client proxy only. */
    protected ChunkVerifier() {
        this(null);
    }

    public List<RetrievedChunk> verified(List<RetrievedChunk> candidates, float[] vector, Caller caller) {
        if (candidates.isEmpty()) {
            return candidates;
        }
        // The scope and the query in one round trip: this runs on every hybrid search, beside the vector search.
        Map<Long, Double> similarities = database.queryAsCaller(caller, Map.of(), QUERY, new ScopedQuery<>() {
            @Override
            public void bind(PreparedStatement select, int at) throws SQLException {
                select.setObject(at, new PGhalfvec(vector));
                select.setArray(at + 1, select.getConnection().createArrayOf("bigint",
                        candidates.stream().map(RetrievedChunk::chunkId).toArray()));
                select.setString(at + 2, PgArrays.literal(caller.groups()));
            }

            @Override
            public Map<Long, Double> read(ResultSet rows) throws SQLException {
                Map<Long, Double> found = new HashMap<>();
                while (rows.next()) {
                    found.put(rows.getLong(1), 1.0 - rows.getDouble(2));
                }
                return found;
            }
        });
        return candidates.stream()
                .filter(c -> similarities.containsKey(c.chunkId()))
                .map(c -> c.withSimilarity(similarities.get(c.chunkId())))
                .toList();
    }
}

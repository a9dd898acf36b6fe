package dev.docent.ingest;

import com.pgvector.PGhalfvec;
import dev.docent.ingest.chunk.ChunkDraft;
import dev.docent.store.AclScope;
import dev.docent.store.PgArrays;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes a document's chunks and vectors with JDBC, inside the caller's JTA transaction. Chunks whose text is
 * unchanged keep their row (and id); new ones are inserted in one batch; the rest are deleted. The chunk_change
 * log is written by a trigger in the same transaction.
 */
@ApplicationScoped
public class ChunkStore {

    private static final String INSERT = """
            INSERT INTO chunk (document_id, collection_id, ordinal, heading, text, text_sha256, token_count, embedding,
                               acl_groups, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?)""";
    private static final String UPDATE_KEPT = """
            UPDATE chunk SET ordinal = ?, heading = ?, collection_id = ?, acl_groups = ?::text[], expires_at = ?
            WHERE id = ?""";

    @Resource(lookup = "jdbc/docent")
    private DataSource dataSource;

    /** What a replacement did. */
    public record Written(int inserted, int kept, int deleted) {
    }

    /** The vectors already stored for a document, by the hash of the text they embed. */
    public Map<String, float[]> vectorsByHash(UUID documentId) {
        try (Connection connection = dataSource.getConnection()) {
            AclScope.forSystem(connection);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT text_sha256, embedding::text FROM chunk WHERE document_id = ?")) {
                select.setObject(1, documentId);
                Map<String, float[]> vectors = new HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        vectors.putIfAbsent(rows.getString(1), new PGhalfvec(rows.getString(2)).toArray());
                    }
                }
                return vectors;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stored vectors of document " + documentId, e);
        }
    }

    /**
     * Makes the document's chunks exactly {@code drafts}, reusing rows whose text is unchanged.
     *
     * @param vectors a vector for every draft's hash
     */
    public Written replace(UUID documentId, long collectionId, List<ChunkDraft> drafts, Map<String, float[]> vectors,
                           Set<String> groups, Instant expiresAt) {
        try (Connection connection = dataSource.getConnection()) {
            AclScope.forSystem(connection);
            Map<String, Deque<Long>> existing = existingIdsByHash(connection, documentId);
            String groupsLiteral = PgArrays.literal(groups);
            Timestamp expiry = expiresAt == null ? null : Timestamp.from(expiresAt);
            List<Long> keptIds = new ArrayList<>();
            try (PreparedStatement insert = connection.prepareStatement(INSERT);
                 PreparedStatement update = connection.prepareStatement(UPDATE_KEPT)) {
                int inserted = 0;
                for (ChunkDraft draft : drafts) {
                    Deque<Long> same = existing.get(draft.hash());
                    if (same != null && !same.isEmpty()) {
                        long id = same.pop();
                        keptIds.add(id);
                        update.setInt(1, draft.ordinal());
                        update.setString(2, draft.heading());
                        update.setLong(3, collectionId);
                        update.setString(4, groupsLiteral);
                        update.setTimestamp(5, expiry);
                        update.setLong(6, id);
                        update.addBatch();
                        continue;
                    }
                    float[] vector = vectors.get(draft.hash());
                    if (vector == null) {
                        throw new IllegalStateException("no vector for chunk " + draft.ordinal());
                    }
                    insert.setObject(1, documentId);
                    insert.setLong(2, collectionId);
                    insert.setInt(3, draft.ordinal());
                    insert.setString(4, draft.heading());
                    insert.setString(5, draft.text());
                    insert.setString(6, draft.hash());
                    insert.setInt(7, draft.tokenCount());
                    insert.setObject(8, new PGhalfvec(vector));
                    insert.setString(9, groupsLiteral);
                    insert.setTimestamp(10, expiry);
                    insert.addBatch();
                    inserted++;
                }
                update.executeBatch();
                insert.executeBatch();
                int deleted = deleteRest(connection, existing);
                return new Written(inserted, keptIds.size(), deleted);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the chunks of document " + documentId, e);
        }
    }

    private static Map<String, Deque<Long>> existingIdsByHash(Connection connection, UUID documentId)
            throws SQLException {
        Map<String, Deque<Long>> ids = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, text_sha256 FROM chunk WHERE document_id = ? ORDER BY ordinal FOR UPDATE")) {
            select.setObject(1, documentId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.computeIfAbsent(rows.getString(2), h -> new ArrayDeque<>()).add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    private static int deleteRest(Connection connection, Map<String, Deque<Long>> unclaimed) throws SQLException {
        Long[] ids = unclaimed.values().stream().flatMap(Deque::stream).toArray(Long[]::new);
        if (ids.length == 0) {
            return 0;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM chunk WHERE id = ANY (?)")) {
            Array array = connection.createArrayOf("bigint", ids);
            delete.setArray(1, array);
            return delete.executeUpdate();
        }
    }
}

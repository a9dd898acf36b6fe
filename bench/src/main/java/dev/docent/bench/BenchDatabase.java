package dev.docent.bench;

import com.pgvector.PGhalfvec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's own look into PostgreSQL (as the superuser, so row-level security does not apply and the filters
 * are spelled out): progress of an ingestion, its chunk and token counts, texts for the model's raw throughput, and
 * the exact nearest neighbours, the ground truth for recall.
 */
public final class BenchDatabase implements AutoCloseable {

    private static final String NEAREST = """
            SELECT c.id FROM chunk c
            WHERE c.collection_id = ? AND c.acl_groups && ?::text[]
            ORDER BY c.embedding <=> ? LIMIT ?""";

    private final Connection connection;

    public BenchDatabase(String url, String user, String password) throws SQLException {
        this.connection = DriverManager.getConnection(url, user, password);
    }

    public long collectionId(String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM collection WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no collection " + name);
                }
                return row.getLong(1);
            }
        }
    }

    /** Documents of the collection that are ready, and that failed. */
    public long[] readyAndFailed(long collectionId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FILTER (WHERE status = 'ready'), "
                + "count(*) FILTER (WHERE status = 'failed') FROM document WHERE collection_id = ?")) {
            select.setLong(1, collectionId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        }
    }

    /** Chunks and their real tokens (counted at ingestion with the model's tokenizer). */
    public long[] chunksAndTokens(long collectionId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT count(*), coalesce(sum(token_count), 0) FROM chunk WHERE collection_id = ?")) {
            select.setLong(1, collectionId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        }
    }

    /** The first {@code limit} chunk texts of the collection with their token counts, as the model saw them. */
    public List<TokenizedText> chunkTexts(long collectionId, int limit) throws SQLException {
        List<TokenizedText> texts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT text, token_count FROM chunk WHERE collection_id = ? ORDER BY id LIMIT ?")) {
            select.setLong(1, collectionId);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    texts.add(new TokenizedText(rows.getString(1), rows.getInt(2)));
                }
            }
        }
        return texts;
    }

    public record TokenizedText(String text, int tokens) {
    }

    /** The true nearest chunk ids among those the groups may read: no index scan, so a scan and an exact sort. */
    public List<Long> exactNearest(long collectionId, String groupsLiteral, float[] vector, int k)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET LOCAL enable_indexscan = off");
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(NEAREST)) {
                select.setLong(1, collectionId);
                select.setString(2, groupsLiteral);
                select.setObject(3, new PGhalfvec(vector));
                select.setInt(4, k);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            return ids;
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}

package dev.docent.search.keyword;

import dev.docent.store.AclScope;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import com.pgvector.PGhalfvec;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reads the chunk_change log for the keyword index. A window of the log is read up to the horizon: the oldest
 * transaction still running. Every transaction below it has finished, so no change can appear there later, in
 * whatever order transactions committed. Changes are not replayed from the log; the chunks' current rows are read
 * instead, which makes applying a window idempotent and independent of order.
 */
@ApplicationScoped
public class ChangeLog {

    /** Part of the changes to apply: chunks as they are now, and those that are gone. */
    public record Page(List<IndexedChunk> upserts, List<Long> deletes) {
    }

    /** How far the index is behind the log. */
    public record Lag(long pendingChanges, double oldestPendingSeconds) {
    }

    private static final String CHUNK_ROWS = """
            SELECT c.id, c.document_id, d.external_id, d.title, c.heading, c.text, c.collection_id, c.acl_groups,
                   c.expires_at, c.embedding::text
            FROM chunk c JOIN document d ON d.id = c.document_id
            WHERE c.id = ANY (?)""";

    /** Chunks read at once: text, metadata and vector, a few MB. */
    static final int PAGE = 1000;

    @Resource(lookup = "jdbc/docentQuery")
    private DataSource dataSource;

    public ChangeLog() {
    }

    /** Outside the server, on a data source of the caller's (tests). */
    ChangeLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String instanceId() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id FROM docent_instance LIMIT 1");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getObject(1, UUID.class).toString();
        }
    }

    /**
     * The changes of every transaction in [watermark, horizon), handed over in pages of {@link #PAGE} chunks (only
     * their ids are held at once: a window can be as large as everything written while this instance was down);
     * returns the horizon, the watermark to go on from once every page is applied. Each page is read in a short
     * transaction of its own, never one held while the index works (on a replica, a long transaction holds back the
     * replay of the primary's changes). A page may show a chunk newer than the horizon: its change is then in the
     * next window too, and applying a chunk's current row twice changes nothing.
     */
    public String changesSince(String watermark, Consumer<Page> pages) throws SQLException {
        List<Long> ids = new ArrayList<>();
        String horizon = inSnapshot(connection -> {
            if (prunedFrom(connection, watermark)) {
                throw new ChangesPrunedException("changes from transaction " + watermark
                        + " on have been pruned from the log; the index must be rebuilt");
            }
            String below = horizon(connection);
            ids.addAll(longs(connection,
                    "SELECT DISTINCT chunk_id FROM chunk_change WHERE txid >= ?::xid8 AND txid < ?::xid8",
                    watermark, below));
            return below;
        });
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<Long> page = ids.subList(from, Math.min(ids.size(), from + PAGE));
            pages.accept(inSnapshot(connection -> current(connection, page)));
        }
        return horizon;
    }

    /**
     * Every chunk, for a new or rebuilt index, handed over in pages of {@link #PAGE}; returns the watermark to go on
     * from. The horizon is fixed first and each page is then read in a short transaction of its own (a build over
     * 1M chunks takes minutes, too long to hold one snapshot): whatever commits meanwhile, in a page already read or
     * not, was written by a transaction at or above the horizon, so the next window applies it again.
     */
    public String everything(Consumer<List<IndexedChunk>> pages) throws SQLException {
        String horizon = inSnapshot(ChangeLog::horizon);
        long after = 0;
        while (true) {
            long from = after;
            List<Long> ids = new ArrayList<>();
            List<IndexedChunk> page = inSnapshot(connection -> {
                ids.addAll(idsAfter(connection, from));
                return current(connection, ids).upserts();
            });
            if (ids.isEmpty()) {
                return horizon;
            }
            pages.accept(page);
            after = ids.get(ids.size() - 1);
        }
    }

    private static List<Long> idsAfter(Connection connection, long after) throws SQLException {
        return longs(connection, "SELECT id FROM chunk WHERE id > ? ORDER BY id LIMIT ?", after, PAGE);
    }

    private static List<Long> longs(Connection connection, String sql, Object... parameters) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getLong(1));
                }
            }
        }
        return values;
    }

    public Lag lag(String watermark) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT count(*), coalesce(extract(epoch FROM now() - min(changed_at)), 0) "
                             + "FROM chunk_change WHERE txid >= ?::xid8")) {
            select.setString(1, watermark);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return new Lag(rows.getLong(1), rows.getDouble(2));
            }
        }
    }

    /** Whether changes at or above the watermark were pruned ({@link ChangeLogPruning}). */
    private static boolean prunedFrom(Connection connection, String watermark) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT ?::xid8 <= through FROM change_log_pruned")) {
            select.setString(1, watermark);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    /** The log no longer holds every change since a watermark: the index has to be built again. */
    public static final class ChangesPrunedException extends RuntimeException {
        ChangesPrunedException(String message) {
            super(message);
        }
    }

    private static String horizon(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT pg_snapshot_xmin(pg_current_snapshot())::text");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** The current state of these chunks: rows that exist are upserts, the rest deletes. */
    private static Page current(Connection connection, List<Long> ids) throws SQLException {
        List<IndexedChunk> upserts = new ArrayList<>();
        Set<Long> gone = new HashSet<>(ids);
        if (!ids.isEmpty()) {
            try (PreparedStatement select = connection.prepareStatement(CHUNK_ROWS)) {
                Array array = connection.createArrayOf("bigint", ids.toArray());
                select.setArray(1, array);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Timestamp expires = rows.getTimestamp(9);
                        String embedding = rows.getString(10);
                        upserts.add(new IndexedChunk(rows.getLong(1), rows.getObject(2, UUID.class), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getString(6), rows.getLong(7),
                                Arrays.asList((String[]) rows.getArray(8).getArray()),
                                expires == null ? null : expires.toInstant(),
                                embedding == null ? null : new PGhalfvec(embedding).toArray()));
                        gone.remove(rows.getLong(1));
                    }
                }
            }
        }
        return new Page(upserts, List.copyOf(gone));
    }

    @FunctionalInterface
    private interface SnapshotWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** One repeatable-read snapshot, in the system scope (the index holds every group's chunks). */
    private <T> T inSnapshot(SnapshotWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                AclScope.forSystem(connection);
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        }
    }
}

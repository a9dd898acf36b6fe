package dev.docent.observe;

import dev.docent.store.PrimaryDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records answered questions: who asked (the question as the guardrails left it, so without blocked or redacted
 * data), how it was answered, where, how long it took and what it cost. One row per question makes this a hot path,
 * so it is a plain JDBC insert.
 */
@ApplicationScoped
public class QueryLog {

    /** What the pipeline knows when an answer is complete. */
    public record Entry(UUID id, String user, String question, String route, boolean answered, int sourceCount,
                        Float topScore, int latencyMs, int inputTokens, int outputTokens, double cost,
                        List<Long> collectionIds, boolean cached, String generator, String guardrails) {
    }

    private static final String INSERT = """
            INSERT INTO query_log (id, user_name, question, route, answered, source_count, top_score, latency_ms,
                                   input_tokens, output_tokens, cost, collection_ids, cached, generator, guardrails)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** A batch of questions past retention, with the feedback on them; rows another node is removing are skipped. */
    private static final String REMOVE_OLD = """
            WITH old AS (
                SELECT id FROM query_log WHERE created_at < now() - make_interval(days => ?)
                ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED),
            ratings AS (DELETE FROM feedback WHERE query_id IN (SELECT id FROM old)),
            gone AS (DELETE FROM query_log WHERE id IN (SELECT id FROM old) RETURNING id)
            SELECT count(*) FROM gone""";

    private final PrimaryDatabase database;
    /** Entries announced and not yet written, so that feedback sent right after its answer can wait for its row. */
    private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(String user, CompletableFuture<Void> written) {
    }

    @Inject
    public QueryLog(PrimaryDatabase database) {
        this.database = database;
    }

    /** For CDI's client proxy only. */
    protected QueryLog() {
        this(null);
    }

    /** Announces an entry about to be recorded in the background. */
    public void expect(UUID id, String user) {
        pending.putIfAbsent(id, new Pending(user, new CompletableFuture<>()));
    }

    /**
     * Waits, up to {@code timeout}, for the entry of this user's answer announced by {@link #expect} to be recorded
     * (or to fail); returns at once when no such entry is on its way on this node.
     */
    public void awaitRecorded(UUID id, String user, Duration timeout) {
        Pending entry = pending.get(id);
        if (entry == null || !entry.user().equals(user)) {
            return;
        }
        try {
            entry.written().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Waited long enough: whether the entry made it, the caller's next look at the table tells.
        }
    }

    public void record(Entry entry) {
        try {
            insert(entry);
        } finally {
            Pending announced = pending.remove(entry.id());
            if (announced != null) {
                announced.written().complete(null);
            }
        }
    }

    private void insert(Entry entry) {
        database.asSystem(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setObject(1, entry.id());
                insert.setString(2, entry.user());
                insert.setString(3, entry.question());
                insert.setString(4, entry.route());
                insert.setBoolean(5, entry.answered());
                insert.setInt(6, entry.sourceCount());
                insert.setObject(7, entry.topScore());
                insert.setInt(8, entry.latencyMs());
                insert.setInt(9, entry.inputTokens());
                insert.setInt(10, entry.outputTokens());
                insert.setBigDecimal(11, BigDecimal.valueOf(entry.cost()));
                insert.setArray(12, connection.createArrayOf("bigint", entry.collectionIds().toArray()));
                insert.setBoolean(13, entry.cached());
                insert.setString(14, entry.generator());
                insert.setString(15, entry.guardrails());
                return insert.executeUpdate();
            }
        });
    }

    /** Removes up to {@code batch} questions asked more than {@code days} ago, and their feedback; returns how many. */
    public int removeOlderThan(int days, int batch) {
        return database.countAsSystem(REMOVE_OLD, days, batch);
    }
}

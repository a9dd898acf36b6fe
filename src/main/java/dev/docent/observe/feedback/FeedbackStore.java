package dev.docent.observe.feedback;

import dev.docent.observe.QueryLog;
import dev.docent.store.PrimaryDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

/** Feedback rows (JDBC): one per user and answer, the latest rating winning. */
@ApplicationScoped
public class FeedbackStore {

    private static final String UPSERT = """
            INSERT INTO feedback (query_id, user_name, rating, comment)
            SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM query_log WHERE id = ? AND user_name = ?)
            ON CONFLICT (query_id, user_name)
            DO UPDATE SET rating = excluded.rating, comment = excluded.comment, created_at = now()""";

    /** How long a rating waits for its answer's query-log entry, written just after the answer. */
    private static final Duration LOG_WAIT = Duration.ofSeconds(5);

    private final PrimaryDatabase database;
    private final QueryLog queryLog;

    @Inject
    public FeedbackStore(PrimaryDatabase database, QueryLog queryLog) {
        this.database = database;
        this.queryLog = queryLog;
    }

    /** For CDI's client proxy only. */
    protected FeedbackStore() {
        this(null, null);
    }

    /**
     * Records the rating; false when the user asked no such question (so nobody rates someone else's answer). A
     * rating sent before its answer's entry is in the query log (it is written in the background) waits for it.
     */
    public boolean record(UUID queryId, String user, int rating, String comment) {
        if (upsert(queryId, user, rating, comment)) {
            return true;
        }
        // Looked again whether or not an entry was on its way: it may have been written since the first look.
        queryLog.awaitRecorded(queryId, user, LOG_WAIT);
        return upsert(queryId, user, rating, comment);
    }

    private boolean upsert(UUID queryId, String user, int rating, String comment) {
        return database.asSystem(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setObject(1, queryId);
                upsert.setString(2, user);
                upsert.setShort(3, (short) rating);
                upsert.setString(4, comment);
                upsert.setObject(5, queryId);
                upsert.setString(6, user);
                return upsert.executeUpdate() == 1;
            }
        });
    }

    /** Thumbs up and down over the last {@code days} days. */
    public Totals totals(int days) {
        return database.asSystem(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT count(*) FILTER (WHERE rating > 0), count(*) FILTER (WHERE rating < 0) FROM feedback "
                            + "WHERE created_at > now() - make_interval(days => ?)")) {
                select.setInt(1, days);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return new Totals(rows.getLong(1), rows.getLong(2));
                }
            }
        });
    }

    /** Counts of thumbs up and down. */
    public record Totals(long up, long down) {
    }
}

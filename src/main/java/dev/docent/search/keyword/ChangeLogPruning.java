package dev.docent.search.keyword;

import dev.docent.store.PrimaryDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Removes the keyword indexes' change log older than a number of days, and notes the newest transaction removed, so
 * that a node whose index had not read that far rebuilds it ({@link ChangeLog} refuses to resume below it). A node
 * that is up reads the log within a second; only one down for longer than the retention rebuilds.
 */
@ApplicationScoped
public class ChangeLogPruning {

    /** A batch of old changes; rows another node is removing are skipped; the mark only ever moves forward. */
    private static final String PRUNE = """
            WITH old AS (
                SELECT seq FROM chunk_change WHERE changed_at < now() - make_interval(days => ?)
                ORDER BY changed_at LIMIT ? FOR UPDATE SKIP LOCKED),
            gone AS (DELETE FROM chunk_change WHERE seq IN (SELECT seq FROM old) RETURNING txid),
            marked AS (UPDATE change_log_pruned SET through = greatest(through, (SELECT max(txid) FROM gone))
                       WHERE EXISTS (SELECT 1 FROM gone))
            SELECT count(*) FROM gone""";

    private final PrimaryDatabase database;

    @Inject
    public ChangeLogPruning(PrimaryDatabase database) {
        this.database = database;
    }

    /** For CDI's client proxy only. */
    protected ChangeLogPruning() {
        this(null);
    }

    /** Removes up to {@code batch} changes logged more than {@code days} ago; returns how many. */
    public int removeOlderThan(int days, int batch) {
        return database.countAsSystem(PRUNE, days, batch);
    }
}

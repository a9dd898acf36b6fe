package dev.docent.store;

import dev.docent.security.Caller;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The query path's database, in short read-only local transactions whose row-level security scope is a caller's
 * groups, or the system's for work done for everyone. Reads go to the read replica while it is usable
 * ({@link ReadReplica}), otherwise to the primary (jdbc/docentQuery: no XA). When the primary is out of reach
 * ({@link DatabaseStatus}) work fails at once with {@link DatabaseUnavailableException}, without waiting on a
 * connection, so that the caller can degrade.
 */
@ApplicationScoped
public class QueryDatabase {

    @Resource(lookup = "jdbc/docentQuery")
    private DataSource primary;

    private final ReadReplica replica;
    private final DatabaseStatus status;

    @Inject
    public QueryDatabase(ReadReplica replica, DatabaseStatus status) {
        this.replica = replica;
        this.status = status;
    }

    /** For CDI's client proxy only. */
    protected QueryDatabase() {
        this(null, null);
    }

    public <T> T asCaller(Caller caller, SqlWork<T> work) {
        return read(c -> {
            AclScope.forCaller(c, caller);
            return null;
        }, work);
    }

    public <T> T asSystem(SqlWork<T> work) {
        return read(c -> {
            AclScope.forSystem(c);
            return null;
        }, work);
    }

    /**
     * One query as the caller in a single round trip: the scope and {@code settings} go with it, and end with it.
     * For the hottest reads, where the scope, the query and the commit would be three round trips.
     */
    public <T> T queryAsCaller(Caller caller, Map<String, String> settings, String sql, ScopedQuery<T> query) {
        return readWith(LocalTransactions::once, c -> AclScope.query(c, caller, settings, sql, query));
    }

    private <T> T read(SqlWork<Void> scope, SqlWork<T> work) {
        return readWith((dataSource, scoped) -> LocalTransactions.run(dataSource, scope, scoped), work);
    }

    private <T> T readWith(Runner<T> runner, SqlWork<T> work) {
        if (replica.usable()) {
            try {
                return againOnceIfStale(runner, replica.dataSource(), work);
            } catch (DatabaseUnavailableException e) {
                replica.failed(e.getCause());
            }
        }
        if (!status.reachable()) {
            throw new DatabaseUnavailableException("The document store is not reachable right now.", null);
        }
        try {
            return againOnceIfStale(runner, primary, work);
        } catch (DatabaseUnavailableException e) {
            status.failed(e.getCause());
            throw e;
        }
    }

    /**
     * The query path's pools do not validate a connection at every checkout (a round trip each, and most of a
     * cached answer's time at P95). A connection kept across a database restart therefore fails once; the pool
     * then drops them all (purgePolicy EntirePool), and the read, which changes nothing, is tried once more.
     */
    private static <T> T againOnceIfStale(Runner<T> runner, DataSource dataSource, SqlWork<T> work) {
        try {
            return runner.run(dataSource, work);
        } catch (DatabaseUnavailableException e) {
            if (!ConnectionFailures.isConnectionFailure(e.getCause())) {
                throw e;
            }
            return runner.run(dataSource, work);
        }
    }

    /** How work meets a data source: in a transaction of its own, or as one implicit one. */
    @FunctionalInterface
    private interface Runner<T> {
        T run(DataSource dataSource, SqlWork<T> work);
    }
}

package dev.docent.store;

import dev.docent.security.Caller;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    private <T> T read(SqlWork<Void> scope, SqlWork<T> work) {
        if (replica.usable()) {
            try {
                return LocalTransactions.run(replica.dataSource(), scope, work);
            } catch (DatabaseUnavailableException e) {
                replica.failed(e.getCause());
            }
        }
        if (!status.reachable()) {
            throw new DatabaseUnavailableException("The document store is not reachable right now.", null);
        }
        try {
            return LocalTransactions.run(primary, scope, work);
        } catch (DatabaseUnavailableException e) {
            status.failed(e.getCause());
            throw e;
        }
    }
}

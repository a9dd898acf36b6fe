package dev.docent.store;

import dev.docent.security.Caller;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

/**
 * The query path's database (jdbc/docentQuery: no XA, a read replica when configured), in short local transactions
 * whose row-level security scope is a caller's groups, or the system's for work done for everyone.
 */
@ApplicationScoped
public class QueryDatabase {

    @Resource(lookup = "jdbc/docentQuery")
    private DataSource dataSource;

    public <T> T asCaller(Caller caller, SqlWork<T> work) {
        return LocalTransactions.run(dataSource, c -> {
            AclScope.forCaller(c, caller);
            return null;
        }, work);
    }

    public <T> T asSystem(SqlWork<T> work) {
        return LocalTransactions.run(dataSource, c -> {
            AclScope.forSystem(c);
            return null;
        }, work);
    }
}

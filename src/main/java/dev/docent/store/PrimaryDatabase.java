package dev.docent.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

/**
 * The primary database (jdbc/docent) for writes outside a JTA transaction (query log, cache, maintenance), in
 * short local transactions in the system's row-level security scope.
 */
@ApplicationScoped
public class PrimaryDatabase {

    @Resource(lookup = "jdbc/docent")
    private DataSource dataSource;

    public <T> T asSystem(SqlWork<T> work) {
        return LocalTransactions.run(dataSource, c -> {
            AclScope.forSystem(c);
            return null;
        }, work);
    }
}

package dev.docent.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
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

    /**
     * One query in the system's scope, with the scope and {@code settings} sent in the same statement list, in a
     * transaction of its own.
     */
    public <T> T queryAsSystem(Map<String, String> settings, String sql, ScopedQuery<T> query) {
        return LocalTransactions.run(dataSource, connection -> null,
                connection -> AclScope.queryAsSystem(connection, settings, sql, query));
    }

    /** Runs a statement whose one row holds a count (say, of rows it removed), in the system scope. */
    public int countAsSystem(String sql, Object... parameters) {
        return asSystem(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }
}

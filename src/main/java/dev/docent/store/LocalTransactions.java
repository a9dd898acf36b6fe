package dev.docent.store;

import dev.docent.web.ApiException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A short local transaction (no JTA) with its row-level security scope set first; committed when the work
 * returns, rolled back when it fails. A database that cannot be reached is a 503 for whoever asked.
 */
final class LocalTransactions {

    private static final Logger LOG = Logger.getLogger(LocalTransactions.class.getName());

    private LocalTransactions() {
    }

    static <T> T run(DataSource dataSource, SqlWork<Void> scope, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                scope.run(connection);
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "database work failed", e);
            throw ApiException.unavailable("The document store is not reachable right now.");
        }
    }
}

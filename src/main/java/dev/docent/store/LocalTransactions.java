package dev.docent.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A short local transaction (no JTA) with its row-level security scope set first; committed when the work
 * returns, rolled back when it fails. A database that cannot do the work is a {@link DatabaseUnavailableException}.
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
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** One statement list in autocommit mode: PostgreSQL runs it as one implicit transaction. */
    static <T> T once(DataSource dataSource, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static DatabaseUnavailableException unavailable(SQLException e) {
        // An outage is reported once by DatabaseStatus; anything else is worth its stack trace.
        LOG.log(ConnectionFailures.isConnectionFailure(e) ? Level.FINE : Level.WARNING, "database work failed", e);
        return new DatabaseUnavailableException("The document store is not reachable right now.", e);
    }

    /** A broken connection cannot roll back; the original failure is the one worth reporting. */
    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.log(Level.FINEST, "rollback failed", e);
        }
    }
}

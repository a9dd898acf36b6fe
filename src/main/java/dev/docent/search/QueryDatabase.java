package dev.docent.search;

import dev.docent.security.Caller;
import dev.docent.store.AclScope;
import dev.docent.web.ApiException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The query path's database (jdbc/docentQuery: no XA, a read replica when configured): runs work in a short local
 * transaction whose row-level security scope is the caller's groups.
 */
@ApplicationScoped
public class QueryDatabase {

    private static final Logger LOG = Logger.getLogger(QueryDatabase.class.getName());

    /** Work on a connection that may throw SQLException. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @Resource(lookup = "jdbc/docentQuery")
    private DataSource dataSource;

    public <T> T asCaller(Caller caller, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                AclScope.forCaller(connection, caller);
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "query failed", e);
            throw ApiException.unavailable("The document store is not reachable right now.");
        }
    }
}

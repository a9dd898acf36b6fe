package dev.docent.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on a JDBC connection, inside a transaction someone else opens and ends. */
@FunctionalInterface
public interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}

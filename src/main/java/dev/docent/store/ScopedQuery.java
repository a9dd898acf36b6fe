package dev.docent.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One query as a caller, sent with its scope in a single round trip ({@link QueryDatabase#queryAsCaller}). */
public interface ScopedQuery<T> {

    /** Binds the query's parameters, the first at {@code index}. */
    void bind(PreparedStatement statement, int index) throws SQLException;

    T read(ResultSet rows) throws SQLException;
}

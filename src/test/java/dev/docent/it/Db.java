package dev.docent.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Direct access to the test database, to set up data and to check what the API cannot show. */
public final class Db {

    private Db() {
    }

    /** As the owner of the tables: row-level security does not apply. */
    public static Connection owner() throws SQLException {
        return DriverManager.getConnection(url(), env("DOCENT_DB_OWNER_USER", "docent_owner"),
                env("DOCENT_DB_OWNER_PASSWORD", ""));
    }

    /** As the application's role: row-level security applies. */
    public static Connection app() throws SQLException {
        return appDataSource().getConnection();
    }

    /** Connections as the application's role, for a class that takes a data source. */
    public static DataSource appDataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url());
        dataSource.setUser(env("DOCENT_DB_APP_USER", "docent_app"));
        dataSource.setPassword(env("DOCENT_DB_APP_PASSWORD", ""));
        return dataSource;
    }

    public static long count(String sql, Object... params) {
        try (Connection connection = owner(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, as text (null when there is no row). */
    public static String string(String sql, Object... params) {
        try (Connection connection = owner(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to ten seconds for a count to reach {@code expected} (the query log is written after the answer). */
    public static long awaitCount(long expected, String sql, Object... params) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long count = count(sql, params);
        while (count != expected && System.nanoTime() < deadline) {
            Ingestion.sleep(100);
            count = count(sql, params);
        }
        return count;
    }

    public static void execute(String sql) {
        try (Connection connection = owner()) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String url() {
        return System.getProperty("docent.it.db.url", "jdbc:postgresql://127.0.0.1:55432/docent_test");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}

package dev.docent.store;

import dev.docent.security.Caller;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Sets, for the current transaction only, whose rows PostgreSQL's row-level security lets through: a caller's ACL
 * groups, or the system scope for ingestion. Both are transaction-local settings (set_config(..., true)), so a
 * pooled connection never carries them into someone else's transaction.
 */
public final class AclScope {

    private static final String SET_SCOPE =
            "SELECT set_config('docent.groups', ?, true), set_config('docent.scope', ?, true)";
    private static final String SET_SCOPE_NAMED =
            "SELECT set_config('docent.groups', :groups, true), set_config('docent.scope', :scope, true)";

    private AclScope() {
    }

    public static void forCaller(Connection connection, Caller caller) throws SQLException {
        apply(connection, PgArrays.literal(caller.groups()), "caller");
    }

    public static void forSystem(Connection connection) throws SQLException {
        apply(connection, "{}", "system");
    }

    public static void forCaller(EntityManager em, Caller caller) {
        apply(em, PgArrays.literal(caller.groups()), "caller");
    }

    public static void forSystem(EntityManager em) {
        apply(em, "{}", "system");
    }

    /**
     * Runs {@code sql} with the caller's scope and {@code settings} set by a statement sent with it: on a connection
     * in autocommit mode PostgreSQL runs both as one implicit transaction, up to the protocol's Sync, in one round
     * trip, and the settings end with it.
     */
    static <T> T query(Connection connection, Caller caller, Map<String, String> settings, String sql,
                       ScopedQuery<T> query) throws SQLException {
        return query(connection, PgArrays.literal(caller.groups()), "caller", settings, sql, query);
    }

    /** As {@link #query(Connection, Caller, Map, String, ScopedQuery)}, in the system's scope (every row). */
    static <T> T queryAsSystem(Connection connection, Map<String, String> settings, String sql, ScopedQuery<T> query)
            throws SQLException {
        return query(connection, "{}", "system", settings, sql, query);
    }

    private static <T> T query(Connection connection, String groups, String scopeName, Map<String, String> settings,
                               String sql, ScopedQuery<T> query) throws SQLException {
        String scope = SET_SCOPE + ", set_config(?, ?, true)".repeat(settings.size());
        try (PreparedStatement statement = connection.prepareStatement(scope + ";\n" + sql)) {
            int at = 1;
            statement.setString(at++, groups);
            statement.setString(at++, scopeName);
            for (var setting : settings.entrySet()) {
                statement.setString(at++, setting.getKey());
                statement.setString(at++, setting.getValue());
            }
            query.bind(statement, at);
            statement.execute();
            if (!statement.getMoreResults()) {
                throw new SQLException("no result from " + sql);
            }
            try (ResultSet rows = statement.getResultSet()) {
                return query.read(rows);
            }
        }
    }

    private static void apply(Connection connection, String groups, String scope) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SET_SCOPE)) {
            statement.setString(1, groups);
            statement.setString(2, scope);
            statement.execute();
        }
    }

    private static void apply(EntityManager em, String groups, String scope) {
        em.createNativeQuery(SET_SCOPE_NAMED)
                .setParameter("groups", groups)
                .setParameter("scope", scope)
                .getSingleResult();
    }
}

package dev.docent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.security.Caller;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL itself refuses rows the transaction's groups may not read, for the application's role, even when a
 * query forgets its own filter: the second wall behind the query filter. (Deployed so that Flyway has run.)
 */
@ExtendWith(ArquillianExtension.class)
class RowLevelSecurityIT {

    private static final String RED = Fixtures.group("red");
    private static final String BLUE = Fixtures.group("blue");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @BeforeAll
    static void oneDocumentPerGroup() {
        for (String group : new String[] {RED, BLUE}) {
            Db.execute("""
                    WITH d AS (
                        INSERT INTO document (id, collection_id, external_id, title, acl_groups, status, created_by)
                        VALUES (gen_random_uuid(), 1, '%1$s', 'Document of %1$s', ARRAY['%1$s'], 'ready', 'test')
                        RETURNING id, acl_groups)
                    INSERT INTO chunk (document_id, collection_id, ordinal, text, text_sha256, token_count, embedding, acl_groups)
                    SELECT d.id, 1, 0, 'secret of %1$s', md5('%1$s') || md5('%1$s'), 3,
                           array_fill(0.05, ARRAY[384])::halfvec(384), d.acl_groups
                    FROM d;
                    """.formatted(group));
        }
    }

    @Test
    void theApplicationRoleIsNeitherOwnerNorExemptFromRowSecurity() throws SQLException {
        try (Connection app = Db.app()) {
            assertThat(single(app, "SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = current_user"))
                    .isEqualTo("f");
            assertThat(single(app, "SELECT count(*) FROM pg_tables WHERE tableowner = current_user")).isEqualTo("0");
        }
    }

    @Test
    void withoutGroupsNoRowIsVisible() throws SQLException {
        try (Connection app = Db.app()) {
            assertThat(single(app, "SELECT count(*) FROM chunk")).isEqualTo("0");
            assertThat(single(app, "SELECT count(*) FROM document")).isEqualTo("0");
        }
    }

    @Test
    void aTransactionSeesOnlyItsGroupsRowsEvenWithoutAWhereClause() throws SQLException {
        try (Connection app = Db.app()) {
            app.setAutoCommit(false);
            setGroups(app, "{\"" + RED + "\"}");
            assertThat(single(app, "SELECT string_agg(text, ',') FROM chunk WHERE text LIKE 'secret of %'"))
                    .isEqualTo("secret of " + RED);
            assertThat(single(app, "SELECT count(*) FROM document WHERE external_id IN ('" + RED + "', '" + BLUE + "')"))
                    .isEqualTo("1");
            app.commit();

            // The setting was local to that transaction: the next one starts with no groups again.
            assertThat(single(app, "SELECT count(*) FROM chunk")).isEqualTo("0");
            app.commit();
        }
    }

    @Test
    void aScopedQuerySentInOneRoundTripSeesItsGroupsAndTheScopeEndsWithIt() throws SQLException {
        ScopedQuery<String> secrets = firstValueWith("secret of %");
        try (Connection app = Db.app()) {
            app.setAutoCommit(true);
            String seen = AclScope.query(app, Caller.of("test", Set.of(RED)),
                    Map.of("hnsw.iterative_scan", "strict_order"),
                    "SELECT string_agg(text, ',') || '|' || current_setting('hnsw.iterative_scan') FROM chunk "
                            + "WHERE text LIKE ?", secrets);

            assertThat(seen).isEqualTo("secret of " + RED + "|strict_order");
            // Scope and settings were local to the implicit transaction: the pooled connection keeps neither.
            assertThat(single(app, "SELECT count(*) FROM chunk")).isEqualTo("0");
            assertThat(single(app, "SELECT coalesce(current_setting('hnsw.iterative_scan', true), 'unset')"))
                    .isNotEqualTo("strict_order");
        }
    }

    /** The dense retriever's vector timeout is such a setting: it must bound the query sent with it. */
    @Test
    void aStatementTimeoutSentWithTheScopeBoundsTheQuery() throws SQLException {
        ScopedQuery<String> slow = firstValueWith(2.0);
        try (Connection app = Db.app()) {
            app.setAutoCommit(true);
            long started = System.nanoTime();
            assertThatThrownBy(() -> AclScope.query(app, Caller.of("test", Set.of(RED)),
                    Map.of("statement_timeout", "100"), "SELECT pg_sleep(?)::text", slow))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_500);
            assertThat(single(app, "SELECT current_setting('statement_timeout')")).isEqualTo("0");
        }
    }

    @Test
    void aCallerCannotWriteRowsForAnotherGroup() throws SQLException {
        try (Connection app = Db.app()) {
            app.setAutoCommit(false);
            setGroups(app, "{\"" + RED + "\"}");
            assertThatThrownBy(() -> single(app, "INSERT INTO document (id, collection_id, external_id, title, acl_groups,"
                    + " status, created_by) VALUES ('" + UUID.randomUUID() + "', 1, 'x', 'x', ARRAY['" + BLUE
                    + "'], 'ready', 'test') RETURNING 1"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
            app.rollback();
            setGroups(app, "{\"" + RED + "\"}");
            assertThat(single(app, "WITH gone AS (DELETE FROM chunk WHERE text = 'secret of " + BLUE
                    + "' RETURNING 1) SELECT count(*) FROM gone")).isEqualTo("0");
            app.rollback();
        }
        assertThat(Db.count("SELECT count(*) FROM chunk WHERE text = ?", "secret of " + BLUE)).isEqualTo(1);
    }

    private static void setGroups(Connection connection, String groups) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config('docent.groups', ?, true)")) {
            set.setString(1, groups);
            set.execute();
        }
    }

    /** A query of one parameter whose result is its first row's first column. */
    private static ScopedQuery<String> firstValueWith(Object parameter) {
        return new ScopedQuery<>() {
            @Override
            public void bind(PreparedStatement statement, int index) throws SQLException {
                statement.setObject(index, parameter);
            }

            @Override
            public String read(ResultSet rows) throws SQLException {
                rows.next();
                return rows.getString(1);
            }
        };
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }
}

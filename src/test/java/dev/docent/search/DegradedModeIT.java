package dev.docent.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docent.answer.AnswerPipeline;
import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.Operator;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fault drill: PostgreSQL is stopped with the operator's own command while Docent runs. Questions are still
 * answered, from the keyword index, with the same ACL, marked degraded; readiness says so; and when the database
 * is started again Docent goes back to full answers by itself.
 */
@ExtendWith(ArquillianExtension.class)
class DegradedModeIT {

    private static final String QUESTION = "How quickly must the on-call engineer answer a page?";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @Test
    void withThePrimaryDownAnswersComeFromTheKeywordIndexUntilItReturns() {
        String group = Fixtures.group("degraded");
        Api reader = Api.as(TestTokens.token(Fixtures.user("dora"), group));
        Api outsider = Api.as(TestTokens.token(Fixtures.user("oskar"), Fixtures.group("elsewhere")));
        String documentId = Ingestion.ingest(reader, "handbook.md", Fixtures.HANDBOOK, group).getString("documentId");
        // The keyword index has caught up with the document before the database goes (BM25 alone answers from the
        // index; the default, hybrid, would find the document in PostgreSQL even before the index has it).
        await().atMost(Duration.ofSeconds(20)).until(() -> !search(reader, "on-call pages", "bm25")
                .getJsonArray("results").isEmpty());
        JsonObject healthy = ask(reader, QUESTION);
        assertThat(healthy.getBoolean("degraded")).isFalse();

        try {
            Operator.docent("db", "stop");

            Api.Reply answered = reader.post("/api/v1/ask", question(QUESTION));
            assertThat(answered.status()).as(answered.body()).isEqualTo(200);
            JsonObject degraded = answered.json();
            assertThat(degraded.getBoolean("degraded")).isTrue();
            assertThat(degraded.getString("answer")).contains("15 minutes");
            assertThat(degraded.getJsonArray("sources").getJsonObject(0).getString("documentId"))
                    .isEqualTo(documentId);

            JsonObject forOutsider = ask(outsider, QUESTION);
            assertThat(forOutsider.getBoolean("degraded")).isTrue();
            assertThat(forOutsider.getString("answer")).isEqualTo(AnswerPipeline.I_DONT_KNOW);
            assertThat(forOutsider.getJsonArray("sources")).isEmpty();

            JsonObject found = search(reader, "on-call pages");
            assertThat(found.getBoolean("degraded")).isTrue();
            assertThat(found.getJsonArray("results").getJsonObject(0).getString("documentId")).isEqualTo(documentId);
            assertThat(search(outsider, "on-call pages").getJsonArray("results")).isEmpty();

            Api.Reply ready = Api.anonymous().get("/health/ready");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            JsonObject database = databaseCheck(ready.json());
            assertThat(database.getJsonObject("data").getBoolean("degraded")).isTrue();
            assertThat(database.getJsonObject("data").getString("answeringFrom")).isEqualTo("keyword-index");
        } finally {
            Operator.docent("db", "start");
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> !ask(reader, "When are production deployments?").getBoolean("degraded"));
        assertThat(databaseCheck(Api.anonymous().get("/health/ready").json()).getJsonObject("data")
                .getBoolean("reachable")).isTrue();
    }

    /**
     * Pooled connections are not validated at checkout, so a connection the database dropped (a restart nobody
     * noticed, a killed backend) is met by the next read: that read is tried once more on a renewed pool, and the
     * asker sees nothing of it.
     */
    @Test
    void aConnectionTheDatabaseDroppedCostsNoDegradedAnswer() throws SQLException {
        String group = Fixtures.group("stale");
        Api reader = Api.as(TestTokens.token(Fixtures.user("stan"), group));
        Ingestion.ingest(reader, "handbook.md", Fixtures.HANDBOOK, group);
        assertThat(search(reader, "on-call pages", "dense").getBoolean("degraded")).isFalse();

        dropQueryPoolConnections();
        JsonObject found = search(reader, "on-call pages", "dense");
        assertThat(found.getBoolean("degraded")).isFalse();
        assertThat(found.getJsonArray("results")).isNotEmpty();

        // Readiness, which a load balancer may well ask first, checks on the same pool and must not call the
        // database out of reach (that would send every answer to the keyword index until the next probe).
        dropQueryPoolConnections();
        Api.Reply ready = Api.anonymous().get("/health/ready");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(databaseCheck(ready.json()).getJsonObject("data").getBoolean("reachable")).isTrue();
        JsonObject answered = ask(reader, QUESTION);
        assertThat(answered.getBoolean("degraded")).isFalse();
    }

    /** The application's role may end its own backends: the query pool's connections die while idle. */
    private static void dropQueryPoolConnections() throws SQLException {
        try (Connection app = Db.app(); PreparedStatement kill = app.prepareStatement("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE application_name = 'docent-query' AND pid <> pg_backend_pid()""");
             ResultSet killed = kill.executeQuery()) {
            killed.next();
            assertThat(killed.getLong(1)).isPositive();
        }
    }

    private static JsonObject question(String text) {
        return Json.createObjectBuilder().add("question", text).build();
    }

    private static JsonObject ask(Api api, String text) {
        Api.Reply reply = api.post("/api/v1/ask", question(text));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonObject search(Api api, String query) {
        return search(api, query, "hybrid");
    }

    private static JsonObject search(Api api, String query, String mode) {
        Api.Reply reply = api.post("/api/v1/search", Json.createObjectBuilder().add("query", query)
                .add("mode", mode).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonObject databaseCheck(JsonObject health) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("database")).findFirst().orElseThrow();
    }
}

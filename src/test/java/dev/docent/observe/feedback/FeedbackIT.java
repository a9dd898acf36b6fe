package dev.docent.observe.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Thumbs up or down on an answer: only by the one who asked, the latest rating winning; and the dev sign-in. */
@ExtendWith(ArquillianExtension.class)
class FeedbackIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @Test
    void theAskerRatesTheirAnswerAndNobodyElseCan() {
        String group = Fixtures.group("fb");
        String user = Fixtures.user("fay");
        Api asker = Api.as(TestTokens.token(user, group));
        Ingestion.ingest(asker, "handbook.md", Fixtures.HANDBOOK, group);
        String queryId = asker.post("/api/v1/ask", Json.createObjectBuilder()
                .add("question", "When are production deployments?").build()).json().getString("queryId");
        // The query log is written just after the answer.
        Db.awaitCount(1, "SELECT count(*) FROM query_log WHERE id = ?::uuid", queryId);

        assertThat(rate(asker, queryId, "up", null).status()).isEqualTo(201);
        Api.Reply again = rate(asker, queryId, "down", "Missing the approval rule.");
        assertThat(again.status()).isEqualTo(201);
        assertThat(Db.count("SELECT count(*) FROM feedback WHERE query_id = ?::uuid AND rating = -1 "
                + "AND comment = 'Missing the approval rule.'", queryId)).isEqualTo(1);

        Api other = Api.as(TestTokens.token(Fixtures.user("mallory"), group));
        assertThat(rate(other, queryId, "down", "spam").status()).isEqualTo(404);
        assertThat(rate(asker, queryId, "meh", null).status()).isEqualTo(400);
        assertThat(rate(asker, "not-a-uuid", "up", null).status()).isEqualTo(400);
        assertThat(Db.count("SELECT count(*) FROM feedback WHERE query_id = ?::uuid", queryId)).isEqualTo(1);
        assertThat(Api.anonymous().get("/metrics?scope=application").body())
                .containsPattern("docent_feedback_total\\{[^}]*rating=\"down\"");
    }

    @Test
    void aRatingSentBeforeItsAnswerIsInTheQueryLogWaitsForIt() throws Exception {
        String group = Fixtures.group("fb-fast");
        Api asker = Api.as(TestTokens.token(Fixtures.user("fred"), group));
        Ingestion.ingest(asker, "handbook.md", Fixtures.HANDBOOK, group);
        // The query log's writes wait behind a lock for a while, as they might behind a busy executor or database.
        try (Connection owner = Db.owner()) {
            owner.setAutoCommit(false);
            owner.createStatement().execute("LOCK TABLE query_log IN EXCLUSIVE MODE");
            String queryId = asker.post("/api/v1/ask", Json.createObjectBuilder()
                    .add("question", "When are production deployments?").build()).json().getString("queryId");
            CompletableFuture<Api.Reply> rated = CompletableFuture.supplyAsync(() -> rate(asker, queryId, "up", null));
            Ingestion.sleep(1000);
            assertThat(rated).isNotDone();
            owner.commit();

            assertThat(rated.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
            assertThat(Db.count("SELECT count(*) FROM feedback WHERE query_id = ?::uuid AND rating = 1", queryId))
                    .isOne();
        }
    }

    @Test
    void theDevelopmentSignInIssuesATokenTheApiAccepts() {
        Api.Reply signedIn = Api.anonymous().post("/api/v1/dev/token", Json.createObjectBuilder()
                .add("user", "dana").add("groups", Json.createArrayBuilder().add("sales").add("staff")).build());
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        Api dana = Api.as(signedIn.json().getString("token"));
        assertThat(dana.get("/api/v1/collections").status()).isEqualTo(200);

        Api.Reply noGroups = Api.anonymous().post("/api/v1/dev/token",
                Json.createObjectBuilder().add("user", "dana").build());
        assertThat(noGroups.status()).isEqualTo(400);
        assertThat(noGroups.json().getString("error")).isEqualTo("bad_request");
        Api.Reply badUser = Api.anonymous().post("/api/v1/dev/token", Json.createObjectBuilder()
                .add("user", "<script>").add("groups", Json.createArrayBuilder().add("x")).build());
        assertThat(badUser.status()).isEqualTo(400);
    }

    private static Api.Reply rate(Api api, String queryId, String rating, String comment) {
        var body = Json.createObjectBuilder().add("queryId", queryId).add("rating", rating);
        if (comment != null) {
            body.add("comment", comment);
        }
        return api.post("/api/v1/feedback", body.build());
    }
}

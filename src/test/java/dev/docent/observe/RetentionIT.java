package dev.docent.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Questions past the query log's retention leave it with their feedback, and expired cached answers leave the
 * cache; what is recent stays. The test server sweeps every two seconds, with the default 90 days of retention.
 */
@ExtendWith(ArquillianExtension.class)
class RetentionIT {

    private static final String GROUP = Fixtures.group("keep");
    private static final Api USER = Api.as(TestTokens.token(Fixtures.user("rita"), GROUP));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @Test
    void oldQuestionsLeaveTheLogWithTheirFeedbackAndExpiredAnswersLeaveTheCache() {
        Ingestion.ingest(USER, "handbook.md", Fixtures.HANDBOOK, GROUP);
        String old = askAndRate("How quickly does the on-call engineer answer pages?");
        String recent = askAndRate("On which days do production deployments happen?");
        assertThat(Db.count("SELECT count(*) FROM semantic_cache WHERE question = ?",
                "how quickly does the on-call engineer answer pages")).isOne();

        Db.execute("UPDATE query_log SET created_at = now() - interval '91 days' WHERE id = '" + old + "';"
                + "UPDATE semantic_cache SET expires_at = now() - interval '1 second' "
                + "WHERE question = 'how quickly does the on-call engineer answer pages'");

        assertThat(Db.awaitCount(0, "SELECT count(*) FROM query_log WHERE id = ?::uuid", old)).isZero();
        assertThat(Db.count("SELECT count(*) FROM feedback WHERE query_id = ?::uuid", old)).isZero();
        assertThat(Db.awaitCount(0, "SELECT count(*) FROM semantic_cache WHERE question = ?",
                "how quickly does the on-call engineer answer pages")).isZero();

        assertThat(Db.count("SELECT count(*) FROM query_log WHERE id = ?::uuid", recent)).isOne();
        assertThat(Db.count("SELECT count(*) FROM feedback WHERE query_id = ?::uuid", recent)).isOne();
        assertThat(Db.count("SELECT count(*) FROM semantic_cache WHERE question = ?",
                "on which days do production deployments happen")).isOne();
        assertThat(removedAtMetrics("questions")).isPositive();
        assertThat(removedAtMetrics("cached_answers")).isPositive();
    }

    /** The sweep counts what it removed once its batches are done: waits up to five seconds for a count. */
    private static double removedAtMetrics(String kind) {
        Pattern counter = Pattern.compile("docent_retention_removed_total\\{[^}]*kind=\"" + kind + "\"[^}]*} ([0-9.]+)");
        double removed = 0;
        for (int attempt = 0; attempt < 50 && removed == 0; attempt++) {
            Matcher found = counter.matcher(Api.anonymous().get("/metrics?scope=application").body());
            removed = found.find() ? Double.parseDouble(found.group(1)) : 0;
            if (removed == 0) {
                Ingestion.sleep(100);
            }
        }
        return removed;
    }

    /** Asks, waits for the question to be logged, rates the answer; returns the query's id. */
    private static String askAndRate(String question) {
        JsonObject answer = USER.post("/api/v1/ask", Json.createObjectBuilder().add("question", question).build())
                .json();
        assertThat(answer.getJsonArray("sources")).isNotEmpty();
        String queryId = answer.getString("queryId");
        assertThat(Db.awaitCount(1, "SELECT count(*) FROM query_log WHERE id = ?::uuid", queryId)).isOne();
        assertThat(USER.post("/api/v1/feedback", Json.createObjectBuilder().add("queryId", queryId)
                .add("rating", "up").build()).status()).isEqualTo(201);
        return queryId;
    }
}

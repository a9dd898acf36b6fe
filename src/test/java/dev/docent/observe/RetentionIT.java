package dev.docent.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.Metrics;
import dev.docent.it.ServerSettings;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Questions past the query log's retention leave it with their feedback, expired cached answers leave the cache,
 * and old changes leave the keyword indexes' change log; what is recent stays. The test server sweeps every two
 * seconds, with the default retention (90 days of questions, 7 of changes).
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
                "How quickly does the on-call engineer answer pages?")).isOne();

        Db.execute("UPDATE query_log SET created_at = now() - interval '91 days' WHERE id = '" + old + "';"
                + "UPDATE semantic_cache SET expires_at = now() - interval '1 second' "
                + "WHERE question = 'How quickly does the on-call engineer answer pages?'");

        assertThat(Db.awaitCount(0, "SELECT count(*) FROM query_log WHERE id = ?::uuid", old)).isZero();
        assertThat(Db.count("SELECT count(*) FROM feedback WHERE query_id = ?::uuid", old)).isZero();
        assertThat(Db.awaitCount(0, "SELECT count(*) FROM semantic_cache WHERE question = ?",
                "How quickly does the on-call engineer answer pages?")).isZero();

        assertThat(Db.count("SELECT count(*) FROM query_log WHERE id = ?::uuid", recent)).isOne();
        assertThat(Db.count("SELECT count(*) FROM feedback WHERE query_id = ?::uuid", recent)).isOne();
        assertThat(Db.count("SELECT count(*) FROM semantic_cache WHERE question = ?",
                "On which days do production deployments happen?")).isOne();
        assertThat(removedAtMetrics("questions")).isPositive();
        assertThat(removedAtMetrics("cached_answers")).isPositive();
    }

    @Test
    void oldChangesLeaveTheLogAndAnIndexThatHadNotReadThemIsRebuilt() throws IOException {
        String documentId = Ingestion.ingest(USER, "zebracorn.md", "# Zebracorn\n\nThe zebracorn mascot stands "
                + "in the lobby of building B.", GROUP).getString("documentId");
        awaitKeywordMatch("zebracorn mascot", documentId);

        // Changes older than the retention go; this node had read them, so its index stays as it is.
        Db.execute("UPDATE chunk_change SET changed_at = now() - interval '8 days' WHERE document_id = '"
                + documentId + "'");
        assertThat(Db.awaitCount(0, "SELECT count(*) FROM chunk_change WHERE document_id = ?::uuid", documentId))
                .isZero();
        assertThat(Db.count("SELECT count(*) FROM change_log_pruned WHERE through > '0'")).isOne();
        assertThat(removedAtMetrics("changes")).isPositive();

        // As if changes this node had not read yet were pruned (it was down for longer than the retention): the
        // index is built again from the passages, and still finds the document.
        long builds = logLines("Keyword index built");
        Db.execute("UPDATE change_log_pruned SET through = pg_current_xact_id()");
        for (int attempt = 0; attempt < 100 && logLines("Keyword index built") == builds; attempt++) {
            Ingestion.sleep(100);
        }
        assertThat(logLines("Keyword index built")).isEqualTo(builds + 1);
        assertThat(logLines("behind the change log's retention")).isPositive();
        awaitKeywordMatch("zebracorn mascot", documentId);
    }

    private static void awaitKeywordMatch(String query, String documentId) {
        JsonObject search = Json.createObjectBuilder().add("query", query).add("mode", "bm25").build();
        List<String> found = List.of();
        for (int attempt = 0; attempt < 100 && !found.contains(documentId); attempt++) {
            found = USER.post("/api/v1/search", search).json().getJsonArray("results").stream()
                    .map(r -> r.asJsonObject().getString("documentId")).toList();
            if (!found.contains(documentId)) {
                Ingestion.sleep(100);
            }
        }
        assertThat(found).contains(documentId);
    }

    private static long logLines(String text) throws IOException {
        try (var lines = Files.lines(ServerSettings.messagesLog())) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    /** The sweep counts what it removed once its batches are done: waits up to five seconds for a count. */
    private static double removedAtMetrics(String kind) {
        double removed = 0;
        for (int attempt = 0; attempt < 50 && removed == 0; attempt++) {
            removed = Metrics.counter("docent_retention_removed_total", "kind=\"" + kind + "\"");
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

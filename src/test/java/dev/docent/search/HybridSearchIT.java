package dev.docent.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dense, BM25 and hybrid retrieval side by side; the keyword index follows deletes, ACL changes and expiry, and
 * never shows a passage PostgreSQL would not.
 */
@ExtendWith(ArquillianExtension.class)
class HybridSearchIT {

    private static final String GROUP = Fixtures.group("hybrid");
    private static final String OTHER = Fixtures.group("other");
    private static final Api USER = Api.as(TestTokens.token(Fixtures.user("hana"), GROUP));
    private static final Api OUTSIDER = Api.as(TestTokens.token(Fixtures.user("otto"), OTHER));
    private static final String CODENAME = "Zephyrine-" + Fixtures.group("x").substring(2, 10);
    private static String codenameDocument;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @BeforeAll
    static void documents() {
        codenameDocument = Ingestion.ingest(USER, "project.md",
                "# Project names\n\nThe migration project runs under the codename " + CODENAME
                        + " until the launch in spring.", GROUP).getString("documentId");
        Ingestion.ingest(USER, "lunch.md", "# Cafeteria\n\nThe cafeteria serves a vegetarian lunch every day.", GROUP);
        Ingestion.ingest(OUTSIDER, "secret.md", "# Secret\n\nThe codename " + CODENAME + " also names a secret deal.",
                OTHER);
    }

    @Test
    void everyModeFindsThePassageAndBm25MatchesTheExactWord() {
        for (String mode : List.of("dense", "bm25", "hybrid")) {
            JsonArray results = awaitResults(() -> search(USER, "migration project codename", mode), 1);
            assertThat(results.getJsonObject(0).getString("documentId")).as(mode).isEqualTo(codenameDocument);
        }
        JsonArray bm25 = awaitResults(() -> search(USER, CODENAME, "bm25"), 1);
        assertThat(bm25).hasSize(1);
        assertThat(bm25.getJsonObject(0).getString("snippet")).contains(CODENAME);
        assertThat(search(USER, "vegetarian lunch", "hybrid").getJsonObject(0).getString("title")).isEqualTo("Cafeteria");
    }

    @Test
    void theKeywordPathFiltersByGroupsLikeTheSqlPath() {
        awaitResults(() -> search(OUTSIDER, CODENAME, "bm25"), 1);
        assertThat(search(USER, CODENAME, "bm25").toString()).doesNotContain("secret deal");
        assertThat(search(OUTSIDER, CODENAME, "bm25").toString()).doesNotContain(codenameDocument);
        assertThat(search(OUTSIDER, CODENAME, "hybrid").toString()).doesNotContain(codenameDocument);
    }

    @Test
    void deletesAclChangesAndExpiryReachTheKeywordPathAtOnce() {
        String word = "Quokkaroo" + Fixtures.group("w").substring(2, 8);
        String memo = Ingestion.ingest(USER, "memo.md", "# Memo\n\nThe " + word + " badge opens the roof terrace.",
                GROUP).getString("documentId");
        awaitResults(() -> search(USER, word, "bm25"), 1);

        Db.execute("UPDATE chunk SET expires_at = now() - interval '1 minute' WHERE document_id = '" + memo + "'");
        assertThat(search(USER, word, "bm25")).isEmpty();
        Db.execute("UPDATE chunk SET expires_at = NULL WHERE document_id = '" + memo + "'");
        awaitResults(() -> search(USER, word, "bm25"), 1);

        Api.Reply acl = USER.put("/api/v1/documents/" + memo + "/acl",
                Json.createObjectBuilder().add("groups", Json.createArrayBuilder().add(OTHER)).build());
        assertThat(acl.status()).isEqualTo(403);
        Api admin = Api.as(TestTokens.token(Fixtures.user("root"), "admin", GROUP));
        assertThat(admin.put("/api/v1/documents/" + memo + "/acl",
                Json.createObjectBuilder().add("groups", Json.createArrayBuilder().add(OTHER)).build()).status())
                .isEqualTo(200);
        assertThat(search(USER, word, "bm25")).isEmpty();
        awaitResults(() -> search(OUTSIDER, word, "bm25"), 1);

        assertThat(Api.as(TestTokens.token(Fixtures.user("root"), "admin", OTHER))
                .delete("/api/v1/documents/" + memo).status()).isEqualTo(204);
        assertThat(search(OUTSIDER, word, "bm25")).isEmpty();
        assertThat(search(OUTSIDER, word, "hybrid").toString()).doesNotContain(memo);
    }

    @Test
    void aTransactionLargerThanOnePageOfTheChangeLogReachesTheKeywordPathWhole() {
        String word = "Wombatine" + Fixtures.group("p").substring(2, 8);
        String register = Ingestion.ingest(USER, "register.md",
                "# Register\n\nThe " + word + " entries are listed here.", GROUP).getString("documentId");
        awaitResults(() -> search(USER, word, "bm25"), 1);

        // One transaction writes 2,500 passages, each with a word of its own: the indexer reads them in pages.
        Db.execute("INSERT INTO chunk (document_id, collection_id, ordinal, heading, text, text_sha256, token_count, "
                + "embedding, acl_groups) SELECT document_id, collection_id, ordinal + n, heading, "
                + "text || ' entry" + word + "n' || n, text_sha256, token_count, embedding, acl_groups "
                + "FROM chunk, generate_series(1, 2500) AS n WHERE document_id = '" + register + "'");
        for (int n : List.of(1, 1000, 1001, 2500)) {
            JsonArray found = awaitResults(() -> search(USER, "entry" + word + "n" + n, "bm25"), 1);
            assertThat(found.getJsonObject(0).getString("snippet")).as("copy " + n).endsWith("n" + n);
        }

        assertThat(USER.delete("/api/v1/documents/" + register).status()).isEqualTo(204);
        assertThat(search(USER, "entry" + word + "n2500", "bm25")).isEmpty();
    }

    @Test
    void theKeywordIndexReportsItsLagInReadinessAndMetrics() {
        JsonObject ready = Api.anonymous().get("/health/ready").json();
        JsonObject check = ready.getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals("keyword-index")).findFirst().orElseThrow();
        assertThat(check.getString("status")).isEqualTo("UP");
        assertThat(check.getJsonObject("data").getBoolean("built")).isTrue();
        assertThat(check.getJsonObject("data").getJsonNumber("pendingChanges").longValue()).isNotNegative();
        assertThat(check.getJsonObject("data").getJsonNumber("lagSeconds").longValue()).isNotNegative();
        // No count over every group's documents, here or in the metrics.
        assertThat(check.getJsonObject("data")).doesNotContainKey("chunks");

        String metrics = Api.anonymous().get("/metrics?scope=application").body();
        assertThat(metrics).contains("docent_keyword_index_lag_seconds").contains("docent_keyword_index_pending_changes")
                .doesNotContain("docent_keyword_index_chunks");
    }

    @Test
    void anUnknownModeIsRefused() {
        Api.Reply reply = USER.post("/api/v1/search",
                Json.createObjectBuilder().add("query", "x").add("mode", "magic").build());
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getString("message")).contains("dense, bm25 or hybrid");
    }

    private static JsonArray search(Api api, String query, String mode) {
        Api.Reply reply = api.post("/api/v1/search",
                Json.createObjectBuilder().add("query", query).add("mode", mode).add("topK", 10).build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.array("results");
    }

    /** The keyword index catches up within a second or so; wait for it rather than sleep a fixed time. */
    private static JsonArray awaitResults(Supplier<JsonArray> search, int atLeast) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonArray results = search.get();
        while (results.size() < atLeast && Instant.now().isBefore(deadline)) {
            Ingestion.sleep(200);
            results = search.get();
        }
        assertThat(results).hasSizeGreaterThanOrEqualTo(atLeast);
        return results;
    }
}

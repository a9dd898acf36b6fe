package dev.docent.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.Metrics;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Repeated questions are answered from the cache, paraphrases too, but never a negation, never across
 * permissions, and never after a cited document changed or went away.
 */
@ExtendWith(ArquillianExtension.class)
class SemanticCacheIT {

    private static final String VPN = """
            # VPN guide

            To enable the VPN, open the client and press Connect; the hardware token confirms the login.
            To disable the VPN, press Disconnect in the client; traffic then leaves through the office network.
            """;

    private static final String VPN_CLIENTS = """
            # VPN clients

            On Windows, install the VPN client from the software center and sign in with your badge number.
            On Linux, install the OpenVPN package and import the profile from the intranet.
            """;

    private static final String PURCHASING = """
            # Purchasing

            In the marketing department, purchase orders above ten thousand euros are approved by the marketing director.
            In the sales department, purchase orders above ten thousand euros are approved by the head of sales.
            """;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @Test
    void aRepeatedQuestionAndAParaphraseAreServedFromTheCache() {
        String group = Fixtures.group("cache");
        String cato = Fixtures.user("cato");
        Api user = Api.as(TestTokens.token(cato, group));
        Ingestion.ingest(user, "handbook.md", Fixtures.HANDBOOK, group);

        JsonObject first = ask(user, "How quickly must the on-call engineer answer a page?");
        JsonObject again = ask(user, "how quickly must the on-call engineer answer a page");
        JsonObject paraphrase = ask(user, "How fast does the on-call engineer have to answer pages?");

        assertThat(first.getBoolean("cached")).isFalse();
        assertThat(again.getBoolean("cached")).isTrue();
        assertThat(again.getString("answer")).isEqualTo(first.getString("answer"));
        assertThat(again.getJsonArray("sources")).isEqualTo(first.getJsonArray("sources"));
        assertThat(paraphrase.getBoolean("cached")).isTrue();
        assertThat(paraphrase.getString("answer")).isEqualTo(first.getString("answer"));

        // The paraphrase got an entry of its own, bound to the same documents and expiring with the original, so
        // asked again it is an exact hit (no embedding).
        assertThat(Db.awaitCount(1, """
                SELECT count(*) FROM semantic_cache alias JOIN semantic_cache original
                  ON original.question = 'How quickly must the on-call engineer answer a page?'
                 AND alias.document_ids = original.document_ids AND alias.expires_at = original.expires_at
                 AND alias.answer = original.answer
                WHERE alias.question = 'How fast does the on-call engineer have to answer pages?'""")).isEqualTo(1);
        String asked = "How fast does the on-call engineer have to answer pages?";
        assertThat(ask(user, asked).getBoolean("cached")).isTrue();
        assertThat(Db.awaitCount(1, "SELECT count(*) FROM query_log WHERE user_name = ? AND question = ? "
                + "AND generator = 'cache:exact'", cato, asked)).isEqualTo(1);

        String streamed = user.stream("/api/v1/ask/stream", question("How quickly must the on-call engineer answer a page?"))
                .stream().filter(e -> e.name().equals("done")).findFirst().orElseThrow().data();
        assertThat(streamed).contains("\"cached\":true");
    }

    @Test
    void anEntryThisNodeNeverSawIsStillAnExactHit() throws SQLException {
        String group = Fixtures.group("nodes");
        String nina = Fixtures.user("nina");
        Api user = Api.as(TestTokens.token(nina, group));
        Ingestion.ingest(user, "handbook.md", Fixtures.HANDBOOK, group);
        String asked = "When do the on-call rotations change?";
        ask(user, asked);
        assertThat(Db.awaitCount(1, "SELECT count(*) FROM semantic_cache WHERE question = ?", asked)).isOne();

        // As another node (or this one before a restart) would have written it: an entry under a question this
        // node has neither written nor served, so it embeds the question first and looks up both ways at once.
        String elsewhere = "Is there a fixed day for handing over on-call duty?";
        try (Connection owner = Db.owner(); PreparedStatement copy = owner.prepareStatement("""
                INSERT INTO semantic_cache (id, question, question_hash, embedding, scope_key, config_key, answer,
                                            sources, document_ids, created_at, expires_at)
                SELECT gen_random_uuid(), ?, ?, embedding, scope_key, config_key, answer, sources, document_ids,
                       created_at, expires_at
                FROM semantic_cache WHERE question = ?""")) {
            copy.setString(1, elsewhere);
            copy.setString(2, QuestionForms.hash(QuestionForms.normalize(elsewhere)));
            copy.setString(3, asked);
            assertThat(copy.executeUpdate()).isOne();
        }

        assertThat(ask(user, elsewhere).getBoolean("cached")).isTrue();
        assertThat(Db.awaitCount(1, "SELECT count(*) FROM query_log WHERE user_name = ? AND question = ? "
                + "AND generator = 'cache:exact'", nina, elsewhere)).isEqualTo(1);
        // Someone who may not read the handbook gets no answer from that entry either.
        Api stranger = Api.as(TestTokens.token(Fixtures.user("stranger"), Fixtures.group("elsewhere")));
        assertThat(ask(stranger, elsewhere).getBoolean("cached")).isFalse();
    }

    /**
     * A popular answer must not hide its successors. Hits once rewrote the entry's row to count themselves, and a
     * rewrite that did not fit its page put another copy of the question's vector into the HNSW index; with dozens
     * of identical dead copies around it, a new entry for the same question fell out of the graph's reach and its
     * paraphrases missed (`bench cache`, every run on a well-used database). A hit now writes nothing.
     */
    @Test
    void aParaphraseStillHitsAfterThePreviousEntryWasServedManyTimes() {
        String group = Fixtures.group("popular");
        // An administrator's rate limit leaves room for the hits.
        Api user = Api.as(TestTokens.token(Fixtures.user("pia"), group, "admin"));
        Ingestion.ingest(user, "handbook.md", Fixtures.HANDBOOK, group);
        String question = "How quickly must the on-call engineer answer a page?";
        ask(user, question);
        String version = "SELECT xmin::text FROM semantic_cache WHERE question = ?";
        String written = Db.string(version, question);
        for (int i = 0; i < 200; i++) {
            assertThat(ask(user, question).getBoolean("cached")).isTrue();
        }
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> written.equals(Db.string(version, question)));
        Db.execute("DELETE FROM semantic_cache");

        assertThat(ask(user, question).getBoolean("cached")).isFalse();
        assertThat(ask(user, "How fast does the on-call engineer have to answer pages?").getBoolean("cached"))
                .isTrue();
    }

    /**
     * The exact lookup seeks the question's hash in the index, however large the cache: one that filtered on it
     * instead would read every entry of its scope and configuration (36 ms at 100,000 entries, 0.03 ms sought; a
     * char(64) column compared as text is enough to lose the seek).
     */
    @Test
    void anExactLookupSeeksTheQuestionsHash() throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = Db.app(); Statement settings = connection.createStatement()) {
            settings.execute("SET enable_seqscan = off");
            try (PreparedStatement explain = connection.prepareStatement(
                    "EXPLAIN " + CacheQueries.EXACT.formatted("true"))) {
                explain.setString(1, QuestionForms.hash("how fast does the on-call engineer have to answer pages"));
                explain.setString(2, "auto");
                explain.setString(3, "extractive|hybrid|5|0.65");
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        assertThat(plan.toString()).contains("Index Cond: ((question_hash = ");
    }

    @Test
    void aNegationOrAnOppositeIsNotAHit() {
        String group = Fixtures.group("vpn");
        Api user = Api.as(TestTokens.token(Fixtures.user("vera"), group));
        Ingestion.ingest(user, "vpn.md", VPN, group);

        JsonObject enable = ask(user, "How do I enable the VPN?");
        JsonObject disable = ask(user, "How do I disable the VPN?");

        assertThat(enable.getBoolean("cached")).isFalse();
        assertThat(disable.getBoolean("cached")).isFalse();
        assertThat(disable.getString("answer")).contains("Disconnect");
    }

    @Test
    void aQuestionAboutAnotherNameIsNotAHit() {
        // 0.94 apart on bge-small, as close as a paraphrase: only the names tell them apart.
        JsonObject linux = askAfterCaching("paul", VPN_CLIENTS,
                "How do I set up the VPN client on a Windows laptop when I work from home?",
                "How do I set up the VPN client on a Linux laptop when I work from home?");

        assertThat(linux.getBoolean("cached")).isFalse();
        assertThat(linux.getString("answer")).contains("OpenVPN");
    }

    @Test
    void aQuestionAboutAnotherSubjectIsNotAHit() {
        // 0.97 apart on bge-small, the same polarity, no names: the cached answer names the marketing department.
        String marketing = "Who approves purchase orders above ten thousand euros in the marketing department?";
        JsonObject sales = askAfterCaching("petra", PURCHASING, marketing,
                "Who approves purchase orders above ten thousand euros in the sales department?");

        assertThat(Db.string("SELECT answer FROM semantic_cache WHERE question = ?", marketing))
                .contains("marketing director");
        assertThat(sales.getBoolean("cached")).isFalse();
        assertThat(sales.getString("answer")).contains("head of sales");
    }

    @Test
    void aCachedAnswerIsNeverServedToSomeoneWhoMayNotReadItsSources() {
        String group = Fixtures.group("secret");
        Api owner = Api.as(TestTokens.token(Fixtures.user("olga"), group));
        Ingestion.ingest(owner, "handbook.md", Fixtures.HANDBOOK, group);
        ask(owner, "When are production deployments?");

        Api colleague = Api.as(TestTokens.token(Fixtures.user("carl"), group));
        // The outsider reads something in the same collection, so the question is routed the same way and the
        // cached entry is found, but not one of the documents it cites: a rejected hit.
        String elsewhere = Fixtures.group("elsewhere");
        Api outsider = Api.as(TestTokens.token(Fixtures.user("otto"), elsewhere));
        Ingestion.ingest(outsider, "plants.md", "# Plants\n\nThe office plants are watered on Mondays.", elsewhere);

        assertThat(ask(colleague, "When are production deployments?").getBoolean("cached")).isTrue();
        long rejectedBefore = Metrics.counter("docent_cache_rejected_hits_total");
        JsonObject forOutsider = ask(outsider, "When are production deployments?");
        assertThat(forOutsider.getBoolean("cached")).isFalse();
        assertThat(forOutsider.getString("answer")).isEqualTo("I don't know based on the available knowledge.");
        // Telling a rejected hit from a miss is bookkeeping done after the answer, over every entry.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Metrics.counter("docent_cache_rejected_hits_total")).isGreaterThan(rejectedBefore));
    }

    @Test
    void entriesGoWhenACitedDocumentChangesOrIsDeleted() {
        String group = Fixtures.group("fresh");
        Api user = Api.as(TestTokens.token(Fixtures.user("fred"), group));
        String documentId = Ingestion.ingest(user, "lunch.md",
                "# Cafeteria\n\nThe cafeteria serves lunch from 11:30 to 14:00.", group).getString("documentId");
        ask(user, "When is lunch served in the cafeteria?");
        assertThat(ask(user, "When is lunch served in the cafeteria?").getBoolean("cached")).isTrue();

        Ingestion.ingest(user, "lunch.md", "# Cafeteria\n\nThe cafeteria serves lunch from 12:00 to 15:00.", group);
        JsonObject afterUpdate = ask(user, "When is lunch served in the cafeteria?");
        assertThat(afterUpdate.getBoolean("cached")).isFalse();
        assertThat(afterUpdate.getString("answer")).contains("12:00");
        assertThat(ask(user, "When is lunch served in the cafeteria?").getBoolean("cached")).isTrue();

        assertThat(user.delete("/api/v1/documents/" + documentId).status()).isEqualTo(204);
        assertThat(Db.count("SELECT count(*) FROM semantic_cache WHERE ?::uuid = ANY (document_ids)", documentId)).isZero();
        assertThat(ask(user, "When is lunch served in the cafeteria?").getBoolean("cached")).isFalse();
    }

    @Test
    void expiredEntriesMissAndAdminsCanFlush() {
        String group = Fixtures.group("ttl");
        Api user = Api.as(TestTokens.token(Fixtures.user("tina"), group));
        Ingestion.ingest(user, "handbook.md", Fixtures.HANDBOOK, group);
        ask(user, "Who approves a deployment?");
        Db.execute("UPDATE semantic_cache SET expires_at = now() - interval '1 second' WHERE question = 'Who approves a deployment?'");
        assertThat(ask(user, "Who approves a deployment?").getBoolean("cached")).isFalse();

        Api admin = Api.as(TestTokens.token(Fixtures.user("root"), "admin"));
        assertThat(user.delete("/api/v1/admin/cache").status()).isEqualTo(403);
        String vectorIndexFile = "SELECT relfilenode::text FROM pg_class WHERE relname = 'semantic_cache_embedding'";
        String before = Db.string(vectorIndexFile);
        Api.Reply flushed = admin.delete("/api/v1/admin/cache");
        assertThat(flushed.status()).isEqualTo(200);
        assertThat(flushed.json().getInt("flushed")).isPositive();
        // Emptied, not deleted row by row: no dead copies of the questions' vectors stay in the HNSW index, where
        // the same questions cached again would be out of the graph's reach.
        assertThat(Db.string(vectorIndexFile)).isNotEqualTo(before);
        assertThat(ask(user, "Who approves a deployment?").getBoolean("cached")).isFalse();
    }

    /** In a group of its own, asks {@code cached} (a miss, then kept) and then {@code other}; returns that answer. */
    private static JsonObject askAfterCaching(String user, String document, String cached, String other) {
        String group = Fixtures.group(user);
        Api api = Api.as(TestTokens.token(Fixtures.user(user), group));
        Ingestion.ingest(api, user + ".md", document, group);
        assertThat(ask(api, cached).getBoolean("cached")).isFalse();
        assertThat(Db.awaitCount(1, "SELECT count(*) FROM semantic_cache WHERE question = ?", cached)).isOne();
        return ask(api, other);
    }

    private static JsonObject ask(Api api, String text) {
        Api.Reply reply = api.post("/api/v1/ask", question(text));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static JsonObject question(String text) {
        return Json.createObjectBuilder().add("question", text).build();
    }
}

package dev.docent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Documents for fault drills: half uploaded over REST, half sent as legacy JMS messages, each with a word of its
 * own; and the proof, after the fault, that every one was ingested exactly once and is searchable.
 */
public final class DrillCorpus {

    private final Api api;
    private final String group;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final int perPath;

    /** {@code api} should carry the admin role: its rate limit leaves room for hundreds of requests a minute. */
    public DrillCorpus(Api api, String group, int perPath) {
        this.api = api;
        this.group = group;
        this.perPath = perPath;
    }

    public int size() {
        return 2 * perPath;
    }

    /** How the legacy half reaches the queue: a JMS client in the server, or one talking to an external broker. */
    @FunctionalInterface
    public interface LegacySender {
        void send(String text, Map<String, String> properties);
    }

    /** Uploads the first half and sends the second through the test's JMS client in the server. */
    public void send() {
        LegacySystem legacy = new LegacySystem(api);
        send(legacy::sendText);
    }

    /** Uploads the first half and sends the second with {@code legacy}; returns once every one was accepted. */
    public void send(LegacySender legacy) {
        for (int i = 0; i < perPath; i++) {
            Api.Reply reply = api.upload("drill-" + i + ".md", document(i), group, "externalId",
                    "rest-" + run + "-" + i);
            assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        }
        for (int i = perPath; i < size(); i++) {
            legacy.send(document(i), Map.of("docentExternalId", "jms-" + run + "-" + i, "docentGroups", group));
        }
    }

    public long ready() {
        return Db.count("SELECT count(*) FROM document WHERE ? = ANY (acl_groups) AND status = 'ready'", group);
    }

    /** Waits for every document, then checks: all jobs done, no chunk twice, no document without its parts. */
    public void assertAllIngestedExactlyOnce(Duration within) {
        await().atMost(within).pollInterval(Duration.ofSeconds(2)).until(() -> ready() == size());
        assertThat(Db.count("SELECT count(*) FROM ingestion_job WHERE ? = ANY (acl_groups) AND status <> 'done'",
                group)).as("jobs not done").isZero();
        assertThat(Db.count("SELECT count(*) FROM document WHERE ? = ANY (acl_groups)", group)).isEqualTo(size());
        assertThat(Db.count("SELECT count(*) FROM (SELECT document_id, ordinal FROM chunk WHERE ? = ANY "
                + "(acl_groups) GROUP BY 1, 2 HAVING count(*) > 1) AS twice", group)).as("duplicate chunks").isZero();
        assertThat(Db.count("SELECT count(*) FROM document d WHERE ? = ANY (d.acl_groups) AND (d.chunk_count = 0 "
                + "OR d.chunk_count <> (SELECT count(*) FROM chunk c WHERE c.document_id = d.id))", group))
                .as("documents whose chunks do not add up").isZero();
        assertThat(Db.count("SELECT count(*) FROM document d WHERE ? = ANY (d.acl_groups) AND NOT EXISTS "
                + "(SELECT 1 FROM stored_original o WHERE o.id = d.original_id)", group))
                .as("documents without their original").isZero();
        // Every document is found by its own word, once, through the keyword index and PostgreSQL.
        for (int i = 0; i < size(); i++) {
            String word = word(i);
            await().atMost(Duration.ofSeconds(30)).until(() -> hits(word).size() == 1);
        }
    }

    private String document(int i) {
        return "# Drill document " + i + "\n\nThis document takes part in fault drill " + run + ". Its own word is "
                + word(i) + ", which no other document contains.\n\n" + BODY;
    }

    /**
     * A few passages of ordinary prose after the document's own word, so that ingesting it takes a while (about four
     * passages to embed): the fault must strike while documents are still being ingested, not after.
     */
    private static final String BODY = String.join("\n\n", java.util.Collections.nCopies(4, String.join(" ",
            "The quarterly planning cycle starts with a review of the previous quarter's outcomes and the lessons",
            "the teams wrote down. Each team lead then drafts the goals for the coming quarter, with the expected",
            "effort and the risks they already see, and shares the draft with the teams that depend on them.",
            "Dependencies are discussed in a joint session, where conflicts between goals are resolved or escalated.",
            "The agreed goals are published on the intranet, together with the owners and the dates of the checkpoints",
            "at which progress is reviewed. At every checkpoint the owners report what changed, what is blocked and",
            "what help they need; the steering group decides on changes of scope. Goals that turn out to be wrong are",
            "closed early rather than carried along, and the reasons are recorded so that the next cycle can learn",
            "from them. Budgets follow the goals: money is released per checkpoint, not for the whole quarter at once,",
            "and unspent money returns to the common pool. At the end of the quarter every team presents its results",
            "in a short demonstration, and the cycle begins again with the review.")));

    private String word(int i) {
        return "drillword" + run + "x" + i;
    }

    private List<JsonObject> hits(String word) {
        Api.Reply reply = api.post("/api/v1/search", Json.createObjectBuilder().add("query", word)
                .add("mode", "bm25").add("topK", 5).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().getJsonArray("results").getValuesAs(JsonObject.class);
    }
}

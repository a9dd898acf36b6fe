package dev.docent.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docent.ingest.jms.IngestMessages;
import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.LegacySystem;
import dev.docent.it.Operator;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault drills on ingestion, with the real database, queue and server: PostgreSQL restarted in the middle of 200
 * documents (half uploaded, half sent over JMS) loses none and duplicates none; a job whose worker went silent is
 * shown as stalled and re-queued.
 */
@ExtendWith(ArquillianExtension.class)
class IngestionFaultsIT {

    private static final int DOCUMENTS_PER_PATH = 100;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @Test
    void aPostgresRestartInTheMiddleOfIngestionLosesAndDuplicatesNothing() {
        String group = Fixtures.group("drill");
        String run = UUID.randomUUID().toString().substring(0, 8);
        // An admin's rate limit leaves room for 200 documents in a few seconds.
        Api api = Api.as(TestTokens.token(Fixtures.user("drill"), group, "admin"));
        LegacySystem legacy = new LegacySystem(api);
        for (int i = 0; i < DOCUMENTS_PER_PATH; i++) {
            Api.Reply reply = api.upload("drill-" + i + ".md", document(run, i), group, "externalId",
                    "rest-" + run + "-" + i);
            assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        }
        for (int i = DOCUMENTS_PER_PATH; i < 2 * DOCUMENTS_PER_PATH; i++) {
            legacy.sendText(document(run, i), Map.of(IngestMessages.EXTERNAL_ID, "jms-" + run + "-" + i,
                    IngestMessages.GROUPS, group));
        }
        long doneBefore = Db.count("SELECT count(*) FROM document WHERE ? = ANY (acl_groups) AND status = 'ready'",
                group);

        Operator.docent("db", "stop");
        Ingestion.sleep(3000);
        Operator.docent("db", "start");

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> Db.count(
                "SELECT count(*) FROM document WHERE ? = ANY (acl_groups) AND status = 'ready'", group)
                == 2 * DOCUMENTS_PER_PATH);
        assertThat(doneBefore).as("the restart came in the middle").isLessThan(2 * DOCUMENTS_PER_PATH);
        assertThat(Db.count("SELECT count(*) FROM ingestion_job WHERE ? = ANY (acl_groups) AND status <> 'done'",
                group)).as("jobs not done").isZero();
        assertThat(Db.count("SELECT count(*) FROM (SELECT document_id, ordinal FROM chunk WHERE ? = ANY "
                + "(acl_groups) GROUP BY 1, 2 HAVING count(*) > 1) AS twice", group)).as("duplicate chunks").isZero();
        assertThat(Db.count("SELECT count(*) FROM document d WHERE ? = ANY (d.acl_groups) AND (d.chunk_count = 0 "
                + "OR d.chunk_count <> (SELECT count(*) FROM chunk c WHERE c.document_id = d.id))", group))
                .as("documents whose chunks do not add up").isZero();
        assertThat(Db.count("SELECT count(*) FROM document d WHERE ? = ANY (d.acl_groups) AND NOT EXISTS "
                + "(SELECT 1 FROM stored_original o WHERE o.id = d.original_id)", group))
                .as("documents without their original").isZero();

        // Every document is found by its own word, once, through the keyword index and PostgreSQL.
        for (int i = 0; i < 2 * DOCUMENTS_PER_PATH; i++) {
            String word = word(run, i);
            await().atMost(Duration.ofSeconds(30)).until(() -> hits(api, word).size() == 1);
        }
    }

    @Test
    void aJobWhoseWorkerFellSilentIsShownStalledAndRequeued() {
        String group = Fixtures.group("stall");
        Api user = Api.as(TestTokens.token(Fixtures.user("sam"), group));
        Api admin = Api.as(TestTokens.token(Fixtures.user("ada"), group, "admin"));
        JsonObject job = Ingestion.ingest(user, "stall.md", "# Stalls\n\nThe stall drill checks heartbeats.", group);
        String jobId = job.getString("jobId");
        long chunks = Db.count("SELECT count(*) FROM chunk WHERE ? = ANY (acl_groups)", group);

        // As a worker that died after starting, its message gone with its node, would leave it.
        Db.execute("UPDATE ingestion_job SET status = 'processing', finished_at = NULL, "
                + "heartbeat_at = now() - interval '1 hour' WHERE id = '" + jobId + "'");
        JsonObject stalled = admin.get("/api/v1/ingestion-jobs/" + jobId).json();
        if (!stalled.getString("status").equals("stalled")) {
            // The re-queue may already have run; it must then have gone back to the queue or through it.
            assertThat(stalled.getString("status")).isIn("queued", "processing", "done");
        } else {
            List<String> listed = admin.get("/api/v1/ingestion-jobs?status=stalled").json().getJsonArray("jobs")
                    .getValuesAs(JsonObject.class).stream().map(j -> j.getString("jobId")).toList();
            assertThat(listed).contains(jobId);
        }

        JsonObject done = Ingestion.awaitJob(user, jobId);
        assertThat(done.getString("status")).isEqualTo("done");
        assertThat(done.getInt("attempts")).isEqualTo(job.getInt("attempts") + 1);
        assertThat(done.getInt("chunksReused")).as("nothing re-embedded").isEqualTo(done.getInt("chunksTotal"));
        assertThat(Db.count("SELECT count(*) FROM chunk WHERE ? = ANY (acl_groups)", group)).isEqualTo(chunks);
        assertThat(admin.get("/api/v1/ingestion-jobs?status=queued").status()).isEqualTo(200);
        assertThat(user.get("/api/v1/ingestion-jobs?status=stalled").status()).isEqualTo(403);
    }

    private static String document(String run, int i) {
        return "# Drill document " + i + "\n\nThis document takes part in fault drill " + run + ". Its own word is "
                + word(run, i) + ", which no other document contains.\n";
    }

    private static String word(String run, int i) {
        return "drillword" + run + "x" + i;
    }

    private static List<JsonObject> hits(Api api, String word) {
        Api.Reply reply = api.post("/api/v1/search", Json.createObjectBuilder().add("query", word)
                .add("mode", "bm25").add("topK", 5).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().getJsonArray("results").getValuesAs(JsonObject.class);
    }
}

package dev.docent.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.DrillCorpus;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.Operator;
import dev.docent.it.TestTokens;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
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
        DrillCorpus corpus = new DrillCorpus(Api.as(TestTokens.token(Fixtures.user("drill"), group, "admin")), group,
                DOCUMENTS_PER_PATH);
        corpus.send();
        long readyBefore = corpus.ready();

        Operator.docent("db", "stop");
        Ingestion.sleep(3000);
        Operator.docent("db", "start");

        corpus.assertAllIngestedExactlyOnce(Duration.ofMinutes(4));
        assertThat(readyBefore).as("the restart came in the middle").isLessThan(corpus.size());
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
        assertThat(admin.get("/api/v1/ingestion-jobs?status=lost").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/ingestion-jobs?status=queued&limit=many").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/ingestion-jobs/dead-letters?limit=0").status()).isEqualTo(400);
        assertThat(user.get("/api/v1/ingestion-jobs?status=stalled").status()).isEqualTo(403);
    }
}

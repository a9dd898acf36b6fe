package dev.docent.it;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/** Waiting for the ingestion worker, which runs behind the queue. */
public final class Ingestion {

    private Ingestion() {
    }

    /** Polls GET /ingestion-jobs/{id} until the job is done or failed, and returns it. */
    public static JsonObject awaitJob(Api api, String jobId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        Api.Reply reply = null;
        while (Instant.now().isBefore(deadline)) {
            reply = api.get("/api/v1/ingestion-jobs/" + jobId);
            if (reply.status() == 200) {
                String status = reply.json().getString("status");
                if (status.equals("done") || status.equals("failed")) {
                    return reply.json();
                }
            }
            sleep(250);
        }
        throw new AssertionError("job " + jobId + " did not finish: " + reply);
    }

    /** Uploads and waits until the job is done; returns the job. */
    public static JsonObject ingest(Api api, String fileName, String content, String groups, String... fields) {
        Api.Reply reply = api.upload(fileName, content, groups, fields);
        if (reply.status() != 202) {
            throw new AssertionError("upload answered " + reply);
        }
        JsonObject job = awaitJob(api, reply.json().getString("jobId"));
        if (!job.getString("status").equals("done")) {
            throw new AssertionError("ingestion failed: " + job);
        }
        return job;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

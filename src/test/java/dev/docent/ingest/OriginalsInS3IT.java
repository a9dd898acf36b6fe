package dev.docent.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.S3Server;
import dev.docent.it.ServerSettings;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Originals in a real S3-compatible server (S3Mock from its jar) instead of PostgreSQL: written before the job is
 * queued, read by the worker, removed with the document; and when the store is down, an upload is refused with a
 * clear 503 and leaves nothing behind.
 */
@ExtendWith(ArquillianExtension.class)
class OriginalsInS3IT {

    private static final String GROUP = Fixtures.group("s3");
    private static final Api USER = Api.as(TestTokens.token(Fixtures.user("sina"), GROUP));
    private static S3Server s3;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @BeforeAll
    static void objectStore() {
        s3 = S3Server.start();
        useObjectStoreAt(s3.endpoint());
    }

    private static void useObjectStoreAt(String endpoint) {
        ServerSettings.write(Map.of("docent.originals.store", "s3", "docent.originals.s3.bucket", S3Server.BUCKET,
                "docent.originals.s3.endpoint", endpoint, "docent.originals.s3.access-key-id", "test",
                "docent.originals.s3.secret-access-key", "test"));
    }

    @AfterAll
    static void stop() {
        ServerSettings.clear();
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void originalsLiveInTheBucketAndGoWithTheirDocument() {
        String text = "# Keys\n\nSpare office keys are kept at the reception desk.";
        JsonObject job = Ingestion.ingest(USER, "keys.md", text, GROUP);
        String documentId = job.getString("documentId");
        String objectKey = Db.string("SELECT o.object_key FROM stored_original o JOIN document d "
                + "ON d.original_id = o.id WHERE d.id = ?::uuid AND o.content IS NULL", documentId);
        assertThat(objectKey).startsWith("originals/");

        try (S3Client client = s3.client()) {
            byte[] stored = client.getObjectAsBytes(get -> get.bucket(S3Server.BUCKET).key(objectKey)).asByteArray();
            assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo(text);

            JsonObject answer = USER.post("/api/v1/ask", Json.createObjectBuilder()
                    .add("question", "Where are the spare office keys kept?").build()).json();
            assertThat(answer.getString("answer")).contains("reception");

            assertThat(USER.delete("/api/v1/documents/" + documentId).status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(exists(client, objectKey)).as("object removed with its document").isFalse());
        }
    }

    @Test
    void withTheStoreDownAnUploadIsRefusedAndLeavesNothing() {
        useObjectStoreAt("http://127.0.0.1:1");
        try {
            String externalId = "unstored-" + Fixtures.group("x");
            Api.Reply reply = USER.upload("unstored.md", "# Unstored\n\nThis never arrives.", GROUP,
                    "externalId", externalId);
            assertThat(reply.status()).as(reply.body()).isEqualTo(503);
            assertThat(reply.json().getString("error")).isEqualTo("unavailable");
            assertThat(Db.count("SELECT count(*) FROM document WHERE external_id = ?", externalId)).isZero();
            assertThat(Db.count("SELECT count(*) FROM ingestion_job WHERE external_id = ?", externalId)).isZero();
        } finally {
            useObjectStoreAt(s3.endpoint());
        }
    }

    private static boolean exists(S3Client client, String key) {
        try {
            client.headObject(head -> head.bucket(S3Server.BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}

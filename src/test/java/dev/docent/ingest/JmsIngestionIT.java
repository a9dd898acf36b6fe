package dev.docent.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.LegacySystem;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A legacy system's JMS messages on docent.ingest: upserts, re-sends, deletes and poison messages. */
@ExtendWith(ArquillianExtension.class)
class JmsIngestionIT {

    private static final String GROUP = Fixtures.group("legacy");
    private static final Api READER = Api.as(TestTokens.token("reader", GROUP));
    private static final Api ADMIN = Api.as(TestTokens.token("ops", "admin"));
    private static final LegacySystem LEGACY = new LegacySystem(ADMIN);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @Test
    void aTextMessageBecomesSearchable() {
        String externalId = Fixtures.group("crm-4711");
        LEGACY.sendText("The service desk hotline is 0800 555 0199 and is open around the clock.", Map.of(
                "docentCollection", "general",
                "docentGroups", GROUP,
                "docentExternalId", externalId,
                "docentTitle", "Service desk"));

        JsonObject hit = awaitSearch("service desk hotline number", r -> r.getString("externalId").equals(externalId));
        assertThat(hit.getString("title")).isEqualTo("Service desk");
        assertThat(hit.getString("snippet")).contains("0800 555 0199");
    }

    @Test
    void aBytesMessageWithAFileBecomesSearchableAndAResendChangesNothing() {
        String externalId = Fixtures.group("dms-42");
        byte[] markdown = "# Fire drill\n\nThe yearly fire drill takes place on the first Wednesday of October."
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> properties = Map.of(
                "docentGroups", GROUP,
                "docentExternalId", externalId,
                "docentFileName", "fire-drill.md");
        LEGACY.sendBytes(markdown, properties);
        JsonObject hit = awaitSearch("When is the fire drill?", r -> r.getString("externalId").equals(externalId));
        assertThat(hit.getString("title")).isEqualTo("Fire drill");
        String documentId = hit.getString("documentId");
        long chunks = Db.count("SELECT count(*) FROM chunk WHERE document_id = ?::uuid", documentId);

        String resent = LEGACY.sendBytes(markdown, properties);

        JsonObject job = awaitJobOf(resent, "done");
        assertThat(job.getInt("chunksEmbedded")).isZero();
        assertThat(job.getInt("chunksReused")).isEqualTo(job.getInt("chunksTotal"));
        assertThat(Db.count("SELECT count(*) FROM chunk WHERE document_id = ?::uuid", documentId)).isEqualTo(chunks);
        assertThat(Db.count("SELECT count(*) FROM document WHERE external_id = ?", externalId)).isEqualTo(1);
    }

    @Test
    void aDeleteMessageRemovesTheDocument() {
        String externalId = Fixtures.group("wiki-7");
        LEGACY.sendText("Company cars are returned with a full tank to the garage in building B.", Map.of(
                "docentGroups", GROUP, "docentExternalId", externalId));
        awaitSearch("Where are company cars returned?", r -> r.getString("externalId").equals(externalId));

        String delete = LEGACY.sendText("", Map.of("docentExternalId", externalId, "docentAction", "delete"));

        awaitJobOf(delete, "done");
        assertThat(Db.count("SELECT count(*) FROM document WHERE external_id = ?", externalId)).isZero();
        assertThat(search("Where are company cars returned?").toString()).doesNotContain(externalId);
    }

    /** External ids are unique per collection; a delete that forgets which one must not report "done". */
    @Test
    void aDeleteNamingNoCollectionFailsWhenTheDocumentIsInAnotherOne() {
        String collection = Fixtures.group("legacy-hr");
        assertThat(ADMIN.post("/api/v1/collections", Json.createObjectBuilder().add("name", collection).build())
                .status()).isEqualTo(201);
        String externalId = Fixtures.group("hr-9");
        awaitJobOf(LEGACY.sendText("Travel expenses are reimbursed within ten working days.", Map.of(
                "docentGroups", GROUP, "docentExternalId", externalId, "docentCollection", collection)), "done");

        String forgotten = LEGACY.sendText("", Map.of("docentExternalId", externalId, "docentAction", "delete"));

        assertThat(LEGACY.deadLetter(forgotten).getJsonObject("properties").getString("docentError"))
                .contains("'" + collection + "'").contains("docentCollection");
        assertThat(awaitJobOf(forgotten, "failed").getString("error")).contains(collection);
        assertThat(Db.count("SELECT count(*) FROM document WHERE external_id = ?", externalId)).isOne();

        awaitJobOf(LEGACY.sendText("", Map.of("docentExternalId", externalId, "docentAction", "delete",
                "docentCollection", collection)), "done");
        assertThat(Db.count("SELECT count(*) FROM document WHERE external_id = ?", externalId)).isZero();
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterQueueAndItsJobFailsWithTheReason() {
        String messageId = LEGACY.sendText("A message without groups.", Map.of("docentExternalId", Fixtures.group("bad")));

        // Administrators see it in the dead-letter list (the console's), with the reason; others may not look.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                ADMIN.get("/api/v1/ingestion-jobs/dead-letters?limit=1000").json().getJsonArray("deadLetters")
                        .getValuesAs(JsonObject.class)).anySatisfy(letter -> {
                            assertThat(letter.getString("originalMessageId")).isEqualTo(messageId);
                            assertThat(letter.getString("error")).contains("groups");
                        }));
        assertThat(Api.as(TestTokens.token("nobody", GROUP)).get("/api/v1/ingestion-jobs/dead-letters").status())
                .isEqualTo(403);

        // The sender's view: the dead letter itself (taken off the queue by the test's client).
        JsonObject dead = LEGACY.deadLetter(messageId);
        assertThat(dead.getBoolean("found")).as("dead letter of " + messageId).isTrue();
        JsonObject properties = dead.getJsonObject("properties");
        assertThat(properties.getString("docentError")).contains("groups");
        assertThat(dead.getString("body")).isEqualTo("A message without groups.");

        JsonObject job = ADMIN.get("/api/v1/ingestion-jobs/" + properties.getString("docentJobId")).json();
        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getString("error")).contains("groups");
    }

    @Test
    void anUnreadableFileAndAnUnknownCollectionAreDeadLettersToo() {
        String binary = LEGACY.sendBytes(new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, 0, 0, 7},
                Map.of("docentGroups", GROUP, "docentExternalId", Fixtures.group("blob")));
        String lost = LEGACY.sendText("Text for a collection that does not exist.", Map.of(
                "docentGroups", GROUP, "docentExternalId", Fixtures.group("lost"), "docentCollection", "no-such"));

        assertThat(LEGACY.deadLetter(binary).getJsonObject("properties").getString("docentError"))
                .contains("Unsupported content type");
        JsonObject lostLetter = LEGACY.deadLetter(lost);
        assertThat(lostLetter.getJsonObject("properties").getString("docentError")).contains("no-such");
        assertThat(ADMIN.get("/api/v1/ingestion-jobs/" + lostLetter.getJsonObject("properties").getString("docentJobId"))
                .json().getString("status")).isEqualTo("failed");
    }

    /** As the sender would: GET /ingestion-jobs?messageId= until the job reaches the status. */
    private static JsonObject awaitJobOf(String messageId, String status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var jobs = ADMIN.get("/api/v1/ingestion-jobs?messageId="
                    + URLEncoder.encode(messageId, StandardCharsets.UTF_8)).array("jobs");
            if (!jobs.isEmpty() && jobs.getJsonObject(0).getString("status").equals(status)) {
                return jobs.getJsonObject(0);
            }
            Ingestion.sleep(250);
        }
        throw new AssertionError("the job of message " + messageId + " did not reach " + status);
    }

    private static JsonObject awaitSearch(String query, Predicate<JsonObject> wanted) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            for (var result : search(query).getJsonArray("results")) {
                if (wanted.test(result.asJsonObject())) {
                    return result.asJsonObject();
                }
            }
            Ingestion.sleep(300);
        }
        throw new AssertionError("nothing matching was found for: " + query);
    }

    private static JsonObject search(String query) {
        return READER.post("/api/v1/search", Json.createObjectBuilder().add("query", query).add("topK", 20).build())
                .json();
    }
}

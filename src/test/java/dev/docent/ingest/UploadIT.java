package dev.docent.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.SampleFiles;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Uploads: formats, unchanged re-uploads, changed content, and refusals that leave nothing behind. */
@ExtendWith(ArquillianExtension.class)
class UploadIT {

    private static final String GROUP = Fixtures.group("upload");
    private static final Api ALICE = Api.as(TestTokens.token(Fixtures.user("alice"), GROUP));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @Test
    void reUploadingIdenticalContentIsUnchangedAndEmbedsNothing() {
        String externalId = Fixtures.group("doc");
        JsonObject first = Ingestion.ingest(ALICE, "handbook.md", Fixtures.HANDBOOK, GROUP, "externalId", externalId);
        long chunks = chunkCount(first.getString("documentId"));

        Api.Reply again = ALICE.upload("handbook.md", Fixtures.HANDBOOK, GROUP, "externalId", externalId);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().getString("status")).isEqualTo("unchanged");
        assertThat(again.json().getString("documentId")).isEqualTo(first.getString("documentId"));
        assertThat(Db.count("SELECT count(*) FROM ingestion_job WHERE document_id = ?::uuid",
                first.getString("documentId"))).isEqualTo(1);
        assertThat(chunkCount(first.getString("documentId"))).isEqualTo(chunks);
    }

    @Test
    void reIngestingFromTheStoredOriginalKeepsEveryVector() {
        JsonObject first = Ingestion.ingest(ALICE, "reingest.md", Fixtures.HANDBOOK, GROUP);
        String documentId = first.getString("documentId");
        long chunks = chunkCount(documentId);

        Api.Reply again = ALICE.post("/api/v1/documents/" + documentId + "/reingest", Json.createObjectBuilder().build());

        assertThat(again.status()).as(again.body()).isEqualTo(202);
        JsonObject job = Ingestion.awaitJob(ALICE, again.json().getString("jobId"));
        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getInt("chunksEmbedded")).isZero();
        assertThat(job.getInt("chunksReused")).isEqualTo(job.getInt("chunksTotal"));
        assertThat(chunkCount(documentId)).isEqualTo(chunks);
        Api stranger = Api.as(TestTokens.token(Fixtures.user("sven"), GROUP));
        assertThat(stranger.post("/api/v1/documents/" + documentId + "/reingest", Json.createObjectBuilder().build())
                .status()).isEqualTo(403);
    }

    @Test
    void newContentUnderTheSameExternalIdReplacesOnlyWhatChanged() {
        String externalId = Fixtures.group("policy");
        String original = threeSections("The cafeteria serves lunch from 11:30 to 14:00.");
        JsonObject first = Ingestion.ingest(ALICE, "site.md", original, GROUP, "externalId", externalId);
        String documentId = first.getString("documentId");
        assertThat(first.getInt("chunksTotal")).isEqualTo(3);

        String changed = threeSections("The cafeteria serves lunch from 12:00 to 15:00 and closes on Fridays.");
        Api.Reply reply = ALICE.upload("site.md", changed, GROUP, "externalId", externalId);
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().getString("documentId")).isEqualTo(documentId);
        JsonObject second = Ingestion.awaitJob(ALICE, reply.json().getString("jobId"));

        assertThat(second.getString("status")).isEqualTo("done");
        assertThat(second.getInt("chunksTotal")).isEqualTo(3);
        assertThat(second.getInt("chunksEmbedded")).isEqualTo(1);
        assertThat(second.getInt("chunksReused")).isEqualTo(2);
        assertThat(chunkCount(documentId)).isEqualTo(3);
        assertThat(Db.count("SELECT count(*) FROM chunk WHERE document_id = ?::uuid AND text LIKE '%11:30%'",
                documentId)).isZero();
        JsonObject answer = ALICE.post("/api/v1/ask",
                Json.createObjectBuilder().add("question", "When does the cafeteria serve lunch?").build()).json();
        assertThat(answer.getString("answer")).contains("12:00").doesNotContain("11:30");
    }

    @Test
    void pdfDocxHtmlAndPlainTextAreIngested() {
        Map<String, byte[]> files = Map.of(
                "budget.pdf", SampleFiles.pdf("Budget rules", "Travel above 2000 euros needs the CFO's approval."),
                "printers.docx", SampleFiles.docx("Printers", "The colour printer on floor two needs a badge to print."),
                "wiki.html", SampleFiles.html("Wiki", "The staff wiki is backed up every night at 02:00."),
                "plain.txt", "Bicycles may be parked in the inner courtyard only.".getBytes(StandardCharsets.UTF_8));
        files.forEach((name, bytes) -> {
            Api.Reply reply = ALICE.upload(name, bytes, Map.of("groups", GROUP));
            assertThat(reply.status()).as(name).isEqualTo(202);
            JsonObject job = Ingestion.awaitJob(ALICE, reply.json().getString("jobId"));
            assertThat(job.getString("status")).as(name + ": " + job).isEqualTo("done");
        });

        assertThat(ask("Who approves travel above 2000 euros?")).contains("CFO");
        assertThat(ask("What do I need to print on the colour printer?")).contains("badge");
        assertThat(ask("When is the staff wiki backed up?")).contains("02:00");
        assertThat(ask("Where may bicycles be parked?")).contains("courtyard");
    }

    @Test
    void badUploadsGetClearErrorsAndLeaveNothingBehind() {
        long documentsBefore = Db.count("SELECT count(*) FROM document");
        long originalsBefore = Db.count("SELECT count(*) FROM stored_original");
        long jobsBefore = Db.count("SELECT count(*) FROM ingestion_job");

        assertError(ALICE.upload("a.md", null, Map.of("groups", GROUP)), 400, "file");
        assertError(ALICE.upload("a.md", "# A\n\ntext", ""), 400, "groups");
        assertError(ALICE.upload("a.md", "# A\n\ntext", GROUP, "collection", "no-such-collection"), 404, "no-such-collection");
        assertError(ALICE.upload("a.md", "# A\n\ntext", GROUP, "ttlDays", "soon"), 400, "ttlDays");
        assertError(ALICE.upload("a.md", "", GROUP), 400, "empty");
        assertError(ALICE.upload("image.png", SampleFiles.png(), Map.of("groups", GROUP)), 415, "image/png");
        assertError(ALICE.upload("big.txt", new byte[2 * 1024 * 1024 + 1], Map.of("groups", GROUP)), 413, "limit");
        assertError(ALICE.postRaw("/api/v1/documents", "application/json", "{}"), 415, null);
        assertError(ALICE.get("/api/v1/documents?limit=many"), 400, "limit");

        assertThat(Db.count("SELECT count(*) FROM document")).isEqualTo(documentsBefore);
        assertThat(Db.count("SELECT count(*) FROM stored_original")).isEqualTo(originalsBefore);
        assertThat(Db.count("SELECT count(*) FROM ingestion_job")).isEqualTo(jobsBefore);
    }

    @Test
    void onlyTheUploaderOrAnAdminMayReplaceADocument() {
        String externalId = Fixtures.group("shared-id");
        Ingestion.ingest(ALICE, "policy.md", "# Policy\n\nVisitors sign in at reception.", GROUP, "externalId", externalId);
        Api colleague = Api.as(TestTokens.token(Fixtures.user("bert"), GROUP));
        String other = Fixtures.group("other");
        Api stranger = Api.as(TestTokens.token(Fixtures.user("sam"), other));

        Api.Reply byColleague = colleague.upload("policy.md", "# Policy\n\nVisitors walk in.", GROUP, "externalId", externalId);
        Api.Reply byStranger = stranger.upload("policy.md", "# Policy\n\nAnything.", other, "externalId", externalId);

        assertError(byColleague, 409, "may not replace");
        // A stranger gets the very same answer, so it tells nothing about who may read the document.
        assertThat(byStranger.status()).isEqualTo(409);
        assertThat(byStranger.body()).isEqualTo(byColleague.body());
        Api admin = Api.as(TestTokens.token(Fixtures.user("root"), "admin", GROUP));
        assertThat(admin.upload("policy.md", "# Policy\n\nVisitors sign in online.", GROUP, "externalId", externalId)
                .status()).isEqualTo(202);
    }

    @Test
    void expiredDocumentsDropOutOfAnswersAtOnceAndAreSweptAway() {
        JsonObject job = Ingestion.ingest(ALICE, "offer.md", "# Canteen offer\n\nThe canteen offers free espresso "
                + "in the week of the product launch.", GROUP, "ttlDays", "1");
        String documentId = job.getString("documentId");
        JsonObject document = ALICE.get("/api/v1/documents/" + documentId).json();
        Instant expires = Instant.parse(document.getString("expiresAt"));
        assertThat(expires).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        assertThat(ask("What does the canteen offer in the launch week?")).contains("espresso");

        Db.execute("UPDATE document SET expires_at = now() - interval '1 second' WHERE id = '" + documentId + "';"
                + "UPDATE chunk SET expires_at = now() - interval '1 second' WHERE document_id = '" + documentId + "'");

        assertThat(ask("What does the canteen offer in the launch week?")).doesNotContain("espresso");
        assertThat(Db.awaitCount(0, "SELECT count(*) FROM document WHERE id = ?::uuid", documentId)).isZero();
        assertThat(Db.count("SELECT count(*) FROM chunk WHERE document_id = ?::uuid", documentId)).isZero();
        assertThat(Db.count("SELECT count(*) FROM stored_original o JOIN ingestion_job j ON j.original_id = o.id "
                + "WHERE j.document_id = ?::uuid", documentId)).isZero();
    }

    @Test
    void aCollectionsDefaultTimeToLiveApplies() {
        String name = Fixtures.group("news");
        Api admin = Api.as(TestTokens.token(Fixtures.user("root"), "admin"));
        assertThat(admin.post("/api/v1/collections", Json.createObjectBuilder().add("name", name)
                .add("description", "Short-lived news").add("defaultTtlDays", 2).build()).status()).isEqualTo(201);

        JsonObject job = Ingestion.ingest(ALICE, "news.md", "# News\n\nThe lobby is repainted on Saturday.", GROUP,
                "collection", name);

        Instant expires = Instant.parse(ALICE.get("/api/v1/documents/" + job.getString("documentId")).json()
                .getString("expiresAt"));
        assertThat(expires).isBetween(Instant.now().plus(Duration.ofHours(47)), Instant.now().plus(Duration.ofHours(49)));
    }

    @Test
    void aDeletedDocumentIsGoneAtOnce() {
        JsonObject job = Ingestion.ingest(ALICE, "lockers.md", "# Lockers\n\nLockers in the basement are emptied every Friday evening.", GROUP);
        String documentId = job.getString("documentId");
        assertThat(ask("When are the basement lockers emptied?")).contains("Friday");

        assertThat(ALICE.delete("/api/v1/documents/" + documentId).status()).isEqualTo(204);

        assertThat(ALICE.get("/api/v1/documents/" + documentId).status()).isEqualTo(404);
        assertThat(ask("When are the basement lockers emptied?")).isEqualTo("I don't know based on the available knowledge.");
        assertThat(chunkCount(documentId)).isZero();
        assertThat(Db.count("SELECT count(*) FROM chunk_change WHERE document_id = ?::uuid AND op = 'delete'", documentId))
                .isEqualTo(job.getInt("chunksTotal"));
    }

    @Test
    void theJobOfAnUploadIsVisibleToItsUploaderOnly() {
        JsonObject job = Ingestion.ingest(ALICE, "desk.md", "# Desks\n\nHot desks are booked in the workplace app.", GROUP);
        String jobPath = "/api/v1/ingestion-jobs/" + job.getString("jobId");
        assertThat(ALICE.get(jobPath).json().getInt("chunksTotal")).isEqualTo(1);
        assertThat(Api.as(TestTokens.token(Fixtures.user("mallory"), Fixtures.group("other"))).get(jobPath).status()).isEqualTo(404);
        assertThat(ALICE.get("/api/v1/ingestion-jobs/not-a-uuid").status()).isEqualTo(404);
    }

    private static String threeSections(String cafeteria) {
        return """
                # Site guide

                ## Reception

                The reception desk is staffed from 07:00 to 19:00 and hands out visitor badges.

                ## Cafeteria

                %s

                ## Gym

                The gym in building C is open to all employees and requires a signed waiver.
                """.formatted(cafeteria);
    }

    private static String ask(String question) {
        return ALICE.post("/api/v1/ask", Json.createObjectBuilder().add("question", question).build())
                .json().getString("answer");
    }

    private static long chunkCount(String documentId) {
        return Db.count("SELECT count(*) FROM chunk WHERE document_id = ?::uuid", documentId);
    }

    private static void assertError(Api.Reply reply, int status, String messagePart) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().getString("error")).isNotBlank();
        if (messagePart != null) {
            assertThat(reply.json().getString("message")).containsIgnoringCase(messagePart);
        }
    }
}

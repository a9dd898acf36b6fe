package dev.docent.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upload, then ask: cited answers whole and streamed, and an honest "I don't know". */
@ExtendWith(ArquillianExtension.class)
class AskIT {

    private static final String ALICE = Fixtures.user("alice");

    private static final String ENGINEERING = Fixtures.group("eng");
    private static Api alice;
    private static String documentId;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @BeforeAll
    static void ingestHandbook() {
        alice = Api.as(TestTokens.token(ALICE, ENGINEERING));
        JsonObject job = Ingestion.ingest(alice, "handbook.md", Fixtures.HANDBOOK, ENGINEERING);
        documentId = job.getString("documentId");
        assertThat(job.getInt("chunksTotal")).isPositive();
        assertThat(job.getInt("chunksEmbedded")).isEqualTo(job.getInt("chunksTotal"));
    }

    @Test
    void answersWithCitationsOfTheUploadedDocument() {
        Api.Reply reply = alice.post("/api/v1/ask", question("How quickly must the on-call engineer answer a page?"));

        assertThat(reply.status()).isEqualTo(200);
        JsonObject answer = reply.json();
        assertThat(answer.getString("answer")).contains("15 minutes").containsPattern("\\[1\\]");
        assertThat(answer.getJsonArray("sources")).isNotEmpty();
        JsonObject first = answer.getJsonArray("sources").getJsonObject(0);
        assertThat(first.getString("documentId")).isEqualTo(documentId);
        assertThat(first.getString("externalId")).isEqualTo(ALICE + "/handbook.md");
        assertThat(first.getString("title")).isEqualTo("Engineering handbook");
        assertThat(first.getJsonNumber("score").doubleValue()).isBetween(0.0, 1.0);
        assertThat(first.getString("snippet")).contains("on-call");
        assertThat(answer.getString("queryId")).isNotBlank();
        assertThat(answer.getString("route")).isEqualTo("retrieval");
        assertThat(answer.getBoolean("cached")).isFalse();
        assertThat(answer.getBoolean("degraded")).isFalse();
        assertThat(answer.getJsonObject("usage").getInt("inputTokens")).isZero();
    }

    @Test
    void everyCitationPointsAtAListedSource() {
        JsonObject answer = alice.post("/api/v1/ask", question("When do production deployments happen and who approves them?")).json();

        int sources = answer.getJsonArray("sources").size();
        List<Integer> cited = java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(answer.getString("answer"))
                .results().map(m -> Integer.parseInt(m.group(1))).toList();
        assertThat(cited).isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(1, sources));
        assertThat(answer.getString("answer")).contains("Tuesdays and Thursdays");
    }

    @Test
    void saysItDoesNotKnowWhenNothingRelevantIsReadable() {
        JsonObject answer = alice.post("/api/v1/ask", question("What is the capital of Mongolia?")).json();

        assertThat(answer.getString("answer")).isEqualTo("I don't know based on the available knowledge.");
        assertThat(answer.getJsonArray("sources")).isEmpty();
    }

    @Test
    void streamsMetaThenTokensThenDoneInOrder() {
        List<Api.Event> events = alice.stream("/api/v1/ask/stream", question("When are production deployments?"));

        List<String> names = events.stream().map(Api.Event::name).toList();
        assertThat(names.get(0)).isEqualTo("meta");
        assertThat(names.get(names.size() - 1)).isEqualTo("done");
        assertThat(names.subList(1, names.size() - 1)).isNotEmpty().containsOnly("token");

        JsonObject meta = events.get(0).json();
        JsonObject done = events.get(events.size() - 1).json();
        assertThat(meta.getString("queryId")).isEqualTo(done.getString("queryId"));
        assertThat(meta.getJsonArray("sources").getJsonObject(0).getString("documentId")).isEqualTo(documentId);
        String streamed = events.subList(1, events.size() - 1).stream()
                .map(e -> e.json().getString("text")).collect(Collectors.joining());
        assertThat(streamed).isEqualTo(done.getString("answer")).contains("Tuesdays").contains("[1]");
        assertThat(done.getJsonNumber("latencyMs").longValue()).isNotNegative();
    }

    @Test
    void streamsIDontKnowWithoutSources() {
        List<Api.Event> events = alice.stream("/api/v1/ask/stream", question("Who won the chess olympiad in 1956?"));

        assertThat(events.get(0).json().getJsonArray("sources")).isEmpty();
        assertThat(events.get(events.size() - 1).json().getString("answer"))
                .isEqualTo("I don't know based on the available knowledge.");
    }

    @Test
    void theQualityOfAnswersIsJudgedAndRecorded() {
        JsonObject answer = alice.post("/api/v1/ask",
                question("Who does the on-call engineer escalate to?")).json();
        assertThat(answer.getBoolean("cached")).isFalse();
        assertThat(answer.getString("answer")).isNotEqualTo(AnswerPipeline.I_DONT_KNOW).contains("[1]");
        String queryId = answer.getString("queryId");

        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (Db.count("SELECT count(*) FROM query_log WHERE id = ?::uuid AND faithfulness IS NOT NULL", queryId) == 0
                && java.time.Instant.now().isBefore(deadline)) {
            Ingestion.sleep(200);
        }
        // The extractive answer quotes its sources, so every sentence is supported.
        assertThat(Db.count("SELECT count(*) FROM query_log WHERE id = ?::uuid AND faithfulness = 1 "
                + "AND answer_relevance > 0.5 AND quality_judge = 'embedding'", queryId)).isEqualTo(1);
        Api admin = Api.as(TestTokens.token(Fixtures.user("root"), "admin"));
        assertThat(admin.get("/api/v1/admin/answer-quality?days=1").array("days")).isNotEmpty();
    }

    @Test
    void refusesBadQuestionsWithJsonErrors() {
        Api.Reply empty = alice.post("/api/v1/ask", Json.createObjectBuilder().add("question", " ").build());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().getString("error")).isEqualTo("bad_request");

        Api.Reply tooLong = alice.post("/api/v1/ask", question("x".repeat(2001)));
        assertThat(tooLong.status()).isEqualTo(413);
        assertThat(tooLong.json().getString("message")).contains("2000");

        Api.Reply unknownCollection = alice.post("/api/v1/ask", Json.createObjectBuilder()
                .add("question", "anything").add("collections", Json.createArrayBuilder().add("no-such")).build());
        assertThat(unknownCollection.status()).isEqualTo(404);

        Api.Reply notJson = alice.postRaw("/api/v1/ask", "application/json", "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().getString("error")).isNotBlank();

        Api.Reply streamRefused = alice.post("/api/v1/ask/stream", Json.createObjectBuilder().build());
        assertThat(streamRefused.status()).isEqualTo(400);
        assertThat(streamRefused.json().getString("error")).isEqualTo("bad_request");
    }

    private static JsonObject question(String text) {
        return Json.createObjectBuilder().add("question", text).build();
    }
}

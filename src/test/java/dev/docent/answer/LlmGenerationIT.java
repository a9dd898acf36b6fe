package dev.docent.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.docent.guard.GuardrailCorpus;
import dev.docent.guard.PiiType;
import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.OpenAiStub;
import dev.docent.it.ServerSettings;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Answers from an OpenAI-compatible model over real HTTP (a stub server started by the test): streaming,
 * usage and cost, redaction of personal data, grounding, and fault tolerance (retries with growing delays, the
 * timeout, the fallback and the circuit breaker). The circuit breaker's state lasts for the deployment, so the
 * tests run in order and the ones that open it come last.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LlmGenerationIT {

    private static final String GROUP = Fixtures.group("llm");
    private static final Api USER = Api.as(TestTokens.token(Fixtures.user("lena"), GROUP));
    private static final String CONTACTS = "# Refund contacts\n\nRefund questions go to the finance desk. "
            + "The coordinator is reachable at jane.doe@example.com or +49 30 1234567, and refunds are paid to "
            + "DE89 3704 0044 0532 0130 00 within ten days.";
    private static OpenAiStub stub;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @BeforeAll
    static void modelAndDocuments() throws Exception {
        stub = new OpenAiStub();
        ServerSettings.write(Map.of(
                "docent.llm.base-url", stub.baseUrl(),
                "docent.llm.model", "stub-model",
                "docent.llm.api-key", "test-key",
                "docent.llm.price.input-per-1k", "0.5",
                "docent.llm.price.output-per-1k", "1.5",
                "docent.llm.idle-timeout-ms", "2000",
                "docent.llm.retry.base-ms", "400",
                "docent.llm.retry.jitter", "0.1",
                "docent.cache.enabled", "false"));
        Ingestion.ingest(USER, "handbook.md", Fixtures.HANDBOOK, GROUP);
        Ingestion.ingest(USER, "refunds.md", CONTACTS, GROUP);
    }

    @AfterAll
    static void stop() {
        ServerSettings.clear();
        stub.close();
    }

    @BeforeEach
    void resetStub() {
        stub.reset();
    }

    @Test
    @Order(1)
    void streamsTheModelsTokensStraightThroughWithUsageAndCost() {
        List<Api.Event> events = USER.stream("/api/v1/ask/stream", question("When are production deployments?"));

        assertThat(events.get(0).name()).isEqualTo("meta");
        List<Api.Event> tokens = events.subList(1, events.size() - 1);
        assertThat(tokens).hasSizeGreaterThan(3).allSatisfy(e -> assertThat(e.name()).isEqualTo("token"));
        JsonObject done = events.get(events.size() - 1).json();
        String streamed = tokens.stream().map(e -> e.json().getString("text")).collect(Collectors.joining());
        assertThat(streamed.strip()).isEqualTo(done.getString("answer")).contains("Tuesdays").endsWith("[1]");
        assertThat(done.getBoolean("grounded")).isTrue();
        JsonObject usage = done.getJsonObject("usage");
        assertThat(usage.getInt("inputTokens")).isEqualTo(321);
        assertThat(usage.getInt("outputTokens")).isEqualTo(tokens.size());
        assertThat(usage.getJsonNumber("cost").doubleValue())
                .isCloseTo(321 / 1000.0 * 0.5 + tokens.size() / 1000.0 * 1.5, within(1e-6));

        JsonObject request = Json.createReader(new java.io.StringReader(stub.received().get(0).body())).readObject();
        assertThat(request.getString("model")).isEqualTo("stub-model");
        assertThat(request.getBoolean("stream")).isTrue();
        assertThat(request.getJsonArray("messages").getJsonObject(1).getString("content"))
                .contains("[1] Engineering handbook").contains("Question: When are production deployments?");
        String queryId = done.getString("queryId");
        assertThat(Db.awaitCount(1, "SELECT count(*) FROM query_log WHERE id = ?::uuid AND input_tokens = 321 AND cost > 0 "
                + "AND generator LIKE 'llm:%'", queryId)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void tokensAreCountedWhenTheProviderDoesNotReportThem() {
        stub.reportUsage = false;

        JsonObject answer = USER.post("/api/v1/ask", question("When are production deployments?")).json();

        assertThat(answer.getJsonObject("usage").getInt("inputTokens")).isBetween(100, 2000);
        assertThat(answer.getJsonObject("usage").getInt("outputTokens")).isPositive();
    }

    @Test
    @Order(3)
    void nothingRelevantMeansNoCallToTheModel() {
        JsonObject answer = USER.post("/api/v1/ask", question("What is the capital of Mongolia?")).json();

        assertThat(answer.getString("answer")).isEqualTo(AnswerPipeline.I_DONT_KNOW);
        assertThat(stub.received()).isEmpty();
    }

    @Test
    @Order(4)
    void noPersonalDataReachesTheModel() {
        JsonObject answer = USER.post("/api/v1/ask",
                question("Who handles refunds for jane.doe@example.com and where are refunds paid?")).json();
        assertThat(answer.getJsonArray("sources")).isNotEmpty();
        for (PiiType type : List.of(PiiType.EMAIL, PiiType.PHONE, PiiType.IBAN, PiiType.IP_ADDRESS)) {
            for (String value : GuardrailCorpus.VALUES.get(type)) {
                USER.post("/api/v1/ask", question("Who handles refunds for " + value + "?"));
            }
        }
        for (PiiType type : List.of(PiiType.CREDIT_CARD, PiiType.SSN, PiiType.SECRET)) {
            for (String value : GuardrailCorpus.VALUES.get(type)) {
                assertThat(USER.post("/api/v1/ask", question("Who handles refunds for " + value + "?")).status())
                        .as(value).isEqualTo(422);
            }
        }

        assertThat(stub.received()).hasSizeGreaterThan(5);
        String everythingSent = stub.received().stream().map(OpenAiStub.Received::body).collect(Collectors.joining());
        GuardrailCorpus.VALUES.values().stream().flatMap(List::stream).forEach(value ->
                assertThat(everythingSent).as("the model received " + value).doesNotContain(value));
        assertThat(everythingSent).contains("[EMAIL_1]").contains("[PHONE_1]").contains("[IBAN_1]");
    }

    @Test
    @Order(5)
    void anAnswerThatCitesNothingIsNotAcceptedAsGrounded() {
        stub.answer = user -> "Deployments are probably on Fridays.";

        JsonObject answer = USER.post("/api/v1/ask", question("When are production deployments?")).json();

        assertThat(answer.getString("answer")).isEqualTo(AnswerPipeline.I_DONT_KNOW);
        assertThat(answer.getBoolean("grounded")).isFalse();
        assertThat(answer.getJsonArray("sources")).isEmpty();
    }

    @Test
    @Order(5)
    void theModelSayingItDoesNotKnowListsNoSources() {
        stub.answer = user -> AnswerPipeline.I_DONT_KNOW;

        JsonObject answer = USER.post("/api/v1/ask", question("Who approves production deployments?")).json();

        assertThat(answer.getString("answer")).isEqualTo(AnswerPipeline.I_DONT_KNOW);
        assertThat(answer.getJsonArray("sources")).isEmpty();
    }

    @Test
    @Order(6)
    void aStreamThatBreaksOffEndsWithAnErrorEvent() {
        stub.stopAfterTokens = 3;

        List<Api.Event> events = USER.stream("/api/v1/ask/stream", question("When are production deployments?"));

        assertThat(events.get(0).name()).isEqualTo("meta");
        assertThat(events.stream().filter(e -> e.name().equals("token"))).hasSize(3);
        Api.Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("error");
        assertThat(last.json().getString("error")).isEqualTo("generation_interrupted");
        assertThat(events).noneMatch(e -> e.name().equals("done"));
    }

    @Test
    @Order(7)
    void failuresAreRetriedWithGrowingDelays() {
        stub.failNext.set(2);

        JsonObject answer = USER.post("/api/v1/ask", question("When are production deployments?")).json();

        assertThat(answer.getString("answer")).contains("Tuesdays");
        List<OpenAiStub.Received> tries = stub.received();
        assertThat(tries).hasSize(3);
        long first = Duration.between(tries.get(0).at(), tries.get(1).at()).toMillis();
        long second = Duration.between(tries.get(1).at(), tries.get(2).at()).toMillis();
        // Waits of 400 ms and 800 ms (10% jitter) plus the time a failed try takes: the second is twice the first.
        assertThat(first).isBetween(350L, 1000L);
        assertThat(second).isGreaterThanOrEqualTo(first + 200).isGreaterThan((long) (first * 1.3));
    }

    @Test
    @Order(8)
    void aModelTooSlowToAnswerTimesOutAndTheFallbackStillListsTheSources() {
        stub.delayBeforeAnswerMillis = 5000;

        long started = System.nanoTime();
        JsonObject answer = USER.post("/api/v1/ask", question("When are production deployments?")).json();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(answer.getString("answer")).startsWith("The assistant is unavailable right now.");
        assertThat(answer.getBoolean("degraded")).isTrue();
        assertThat(answer.getJsonArray("sources")).isNotEmpty();
        // Four tries cut off at the timeout (1.5 s in the tests) and the backoff between them, not four 5-s waits.
        assertThat(tookMillis).isLessThan(15_000);
    }

    @Test
    @Order(9)
    void afterRepeatedFailuresTheCircuitOpensAndTheModelIsNotCalled() {
        for (int i = 0; i < 4; i++) {
            stub.failNext.set(100);
            USER.post("/api/v1/ask", question("When are production deployments?"));
        }
        int calls = stub.received().size();

        JsonObject answer = USER.post("/api/v1/ask", question("When are production deployments?")).json();

        assertThat(answer.getString("answer")).startsWith("The assistant is unavailable right now.");
        assertThat(stub.received()).hasSize(calls);
    }

    private static JsonObject question(String text) {
        return Json.createObjectBuilder().add("question", text).build();
    }
}

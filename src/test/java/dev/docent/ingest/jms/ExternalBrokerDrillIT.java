package dev.docent.ingest.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docent.it.AmqpClient;
import dev.docent.it.Api;
import dev.docent.it.Broker;
import dev.docent.it.DrillCorpus;
import dev.docent.it.Fixtures;
import dev.docent.it.Operator;
import dev.docent.it.StompClient;
import dev.docent.it.TestServer;
import dev.docent.it.TestTokens;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Ingestion bound to a real ActiveMQ Artemis broker (started by {@code ./docent test}) through Artemis's resource
 * adapter, by server configuration alone ({@code docent.jms.provider=artemis}), fed by clients that are not
 * Liberty: Apache Qpid JMS over AMQP 1.0 and hand-written STOMP frames. Also: a poison message ends in the broker's
 * dead-letter queue with the reason, and a broker restart in the middle of 100 documents loses none.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalBrokerDrillIT {

    private static final String GROUP = Fixtures.group("broker");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static Api admin;

    @BeforeAll
    static void startServerOnTheBroker() {
        TestServer.useJmsProvider("artemis");
        TestServer.deploy();
        TestServer.start();
        admin = Api.as(TestTokens.token(Fixtures.user("broker"), GROUP, "admin"));
    }

    @AfterAll
    static void stopServer() {
        try {
            TestServer.stop();
            TestServer.undeploy();
        } finally {
            TestServer.useJmsProvider("embedded");
        }
    }

    @Test
    @Order(1)
    void anAmqpMessageFromQpidJmsBecomesSearchable() {
        String word = "amqpword" + RUN;
        try (AmqpClient amqp = AmqpClient.connect()) {
            amqp.sendText("# Sent over AMQP\n\nThe " + word + " arrived through the company's broker.",
                    Map.of("docentExternalId", "amqp-" + RUN, "docentGroups", GROUP), "amqp-" + RUN);
        }

        JsonObject job = finishedJob("amqp-" + RUN);
        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getString("source")).isEqualTo("jms");
        assertFoundOnce(word);
    }

    @Test
    @Order(2)
    void stompFramesFromAPlainSocketBecomeSearchableAsTextAndAsFile() {
        String textWord = "stomptext" + RUN;
        String fileWord = "stompfile" + RUN;
        try (StompClient stomp = StompClient.connect()) {
            // Without content-length the broker delivers a TextMessage, with it a BytesMessage: a file.
            stomp.send("The " + textWord + " came as a STOMP text frame.", Map.of("docentExternalId",
                    "stomp-text-" + RUN, "docentGroups", GROUP, "correlation-id", "stomp-text-" + RUN), false);
            stomp.send("# Notes\n\nThe " + fileWord + " came as a Markdown file.", Map.of("docentExternalId",
                    "stomp-file-" + RUN, "docentGroups", GROUP, "docentFileName", "notes.md",
                    "correlation-id", "stomp-file-" + RUN), true);
        }

        assertThat(finishedJob("stomp-text-" + RUN).getString("status")).isEqualTo("done");
        assertThat(finishedJob("stomp-file-" + RUN).getString("status")).isEqualTo("done");
        assertFoundOnce(textWord);
        assertFoundOnce(fileWord);
        JsonObject file = admin.post("/api/v1/search", Json.createObjectBuilder().add("query", fileWord)
                .add("mode", "bm25").build()).json().getJsonArray("results").getJsonObject(0);
        assertThat(file.getString("title")).isEqualTo("Notes");
    }

    @Test
    @Order(3)
    void aPoisonMessageEndsInTheBrokersDeadLetterQueueWithTheReason() throws JMSException {
        String correlation = "poison-" + RUN;
        try (AmqpClient amqp = AmqpClient.connect()) {
            amqp.sendText("No groups: nobody could ever read this.", Map.of("docentExternalId", correlation),
                    correlation);

            JsonObject job = finishedJob(correlation);
            assertThat(job.getString("status")).isEqualTo("failed");
            assertThat(job.getString("error")).contains("groups is required");

            // The console's view of the dead-letter queue browses the broker's queue...
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/v1/ingestion-jobs/dead-letters")
                    .json().getJsonArray("deadLetters").getValuesAs(JsonObject.class).stream()
                    .anyMatch(letter -> correlation.equals(letter.getString("externalId", null))));
            // ...and the legacy system can take its message back from it, with the reason.
            Message letter = amqp.receive(Broker.DEAD_LETTERS, correlation, 10_000);
            assertThat(letter).as("the dead letter on the broker").isNotNull();
            assertThat(letter.getStringProperty("docentError")).contains("groups is required");
            assertThat(letter.getStringProperty("docentJobId")).isEqualTo(job.getString("jobId"));
            assertThat(letter.getStringProperty("docentExternalId")).isEqualTo(correlation);
        }
    }

    @Test
    @Order(4)
    void aBrokerRestartInTheMiddleOfIngestionLosesNothing() {
        String group = Fixtures.group("restart");
        DrillCorpus corpus = new DrillCorpus(Api.as(TestTokens.token(Fixtures.user("restart"), group, "admin")),
                group, 50);
        try (AmqpClient amqp = AmqpClient.connect()) {
            corpus.send((text, properties) -> amqp.sendText(text, properties, null));
        }
        long readyBefore = corpus.ready();

        Operator.docent("broker", "stop");
        Operator.docent("broker", "start");

        corpus.assertAllIngestedExactlyOnce(Duration.ofMinutes(5));
        assertThat(readyBefore).as("the restart came in the middle").isLessThan(corpus.size());
    }

    private static JsonObject finishedJob(String correlationId) {
        String path = "/api/v1/ingestion-jobs?correlationId=" + URLEncoder.encode(correlationId,
                StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<JsonObject> jobs = admin.get(path).json().getJsonArray("jobs").getValuesAs(JsonObject.class);
            return !jobs.isEmpty() && List.of("done", "failed").contains(jobs.get(0).getString("status"));
        });
        JsonObject job = admin.get(path).json().getJsonArray("jobs").getJsonObject(0);
        assertThat(job.getString("correlationId")).isEqualTo(correlationId);
        return job;
    }

    /** Found once by its word; the keyword index follows the database a moment after the job is done. */
    private static void assertFoundOnce(String word) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hits(word)).isEqualTo(1));
    }

    private static int hits(String word) {
        return admin.post("/api/v1/search", Json.createObjectBuilder().add("query", word).add("mode", "bm25").build())
                .json().getJsonArray("results").size();
    }
}

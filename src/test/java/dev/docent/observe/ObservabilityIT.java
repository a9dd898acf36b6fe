package dev.docent.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docent.it.Api;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.ServerSettings;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What operators see: latency per stage and endpoint, ingestion, readiness of every part, and the audit trail. */
@ExtendWith(ArquillianExtension.class)
class ObservabilityIT {

    private static final String GROUP = Fixtures.group("obs");
    private static final String USER = Fixtures.user("olly");
    private static final Api API = Api.as(TestTokens.token(USER, GROUP));
    private static final Api ADMIN = Api.as(TestTokens.token(Fixtures.user("root"), "admin", GROUP));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @Test
    void latenciesPerStageAndEndpointAndIngestionFiguresAreAtMetrics() {
        Ingestion.ingest(API, "handbook.md", Fixtures.HANDBOOK, GROUP);
        Api.Reply answer = API.post("/api/v1/ask", Json.createObjectBuilder()
                .add("question", "When are production deployments?").build());
        // The caller sees the server's own time too (W3C Server-Timing), which the benchmarks read.
        assertThat(answer.headers().get("server-timing")).singleElement().asString().matches("app;dur=\\d+\\.\\d{2}");

        String metrics = Api.anonymous().get("/metrics?scope=application").body();

        for (String stage : List.of("guardrails", "embed", "route", "retrieve", "generate", "cache")) {
            assertThat(metrics).as(stage).containsPattern("docent_stage_seconds\\{[^}]*stage=\"" + stage + "\"[^}]*quantile=\"0.95\"");
        }
        assertThat(metrics).containsPattern("docent_http_request_seconds\\{[^}]*endpoint=\"AskResource.ask\"[^}]*quantile=\"0.99\"");
        assertThat(metrics).containsPattern("docent_ingestion_job_seconds_count\\{[^}]*outcome=\"done\"");
        assertThat(metrics).contains("docent_ingestion_jobs_waiting");
        // The extractive answer embedded its candidate sentences, and keeps their vectors for the next question.
        assertThat(metrics).containsPattern("docent_sentence_vectors_total\\{[^}]*outcome=\"embedded\"[^}]*} [1-9]");
    }

    /** The test server exports spans to its log (OTEL_TRACES_EXPORTER=logging); a stage's span is in the request's trace. */
    @Test
    void eachPipelineStageIsASpanInTheRequestsTrace() throws IOException {
        Ingestion.ingest(API, "traced-handbook.md", Fixtures.HANDBOOK, GROUP);
        API.post("/api/v1/ask", Json.createObjectBuilder().add("question", "Who approves a deployment?").build());

        Pattern retrieve = Pattern.compile("'docent\\.retrieve' : ([0-9a-f]{32}) ");
        await().atMost(Duration.ofSeconds(20)).until(() -> retrieve.matcher(log()).find());
        String log = log();
        Matcher span = retrieve.matcher(log);
        String traceId = null;
        while (span.find()) {
            traceId = span.group(1);
        }
        for (String stage : List.of("guardrails", "cache", "embed", "route", "generate")) {
            assertThat(log).as(stage).contains("'docent." + stage + "' : " + traceId);
        }
        assertThat(log).as("the request's own span").containsPattern("' : " + traceId + " [0-9a-f]{16} SERVER");
    }

    private static String log() throws IOException {
        return Files.readString(ServerSettings.messagesLog());
    }

    @Test
    void readinessCoversTheDatabaseTheModelTheQueueAndTheIndex() {
        JsonObject ready = Api.anonymous().get("/health/ready").json();

        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(ready.getJsonArray("checks")).extracting(c -> ((JsonObject) c).getString("name"))
                .contains("database", "embedding-model", "messaging", "keyword-index");
        assertThat(Api.anonymous().get("/health/live").json().getString("status")).isEqualTo("UP");
    }

    @Test
    void adminActionsAndAclChangesAreAudited() {
        String collection = Fixtures.group("audited");
        ADMIN.post("/api/v1/collections", Json.createObjectBuilder().add("name", collection).build());
        String documentId = Ingestion.ingest(API, "memo.md", "# Memo\n\nThe archive moves to room 12.", GROUP)
                .getString("documentId");
        String other = Fixtures.group("readers");
        Api owner = Api.as(TestTokens.token(USER, GROUP, other));
        assertThat(owner.put("/api/v1/documents/" + documentId + "/acl",
                Json.createObjectBuilder().add("groups", Json.createArrayBuilder().add(other)).build()).status())
                .isEqualTo(200);
        assertThat(owner.delete("/api/v1/documents/" + documentId).status()).isEqualTo(204);

        List<JsonObject> entries = ADMIN.get("/api/v1/admin/audit-log?limit=200").array("entries").stream()
                .map(JsonValue::asJsonObject).toList();
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.getString("action")).isEqualTo("collection.create");
            assertThat(e.getString("target")).isEqualTo("collection:" + collection);
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.getString("action")).isEqualTo("document.acl");
            assertThat(e.getString("actor")).isEqualTo(USER);
            assertThat(e.getString("details")).contains(GROUP).contains(other);
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.getString("action")).isEqualTo("document.delete");
            assertThat(e.getString("target")).isEqualTo("document:" + documentId);
        });
        assertThat(API.get("/api/v1/admin/audit-log").status()).isEqualTo(403);
    }
}

package dev.docent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docent.it.Api;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.Operator;
import dev.docent.it.ServerSettings;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query path on a real streaming replica (pg_basebackup -R, started by ./docent test). With the replica's
 * replay paused, a new document is invisible to search: reads go to the replica. Once its lag passes the bound,
 * reads move to the primary; and they survive the replica being stopped.
 */
@ExtendWith(ArquillianExtension.class)
class ReadReplicaIT {

    private static final String GROUP = Fixtures.group("replica");
    private static final Api USER = Api.as(TestTokens.token(Fixtures.user("rita"), GROUP));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @AfterEach
    void restore() {
        Operator.docent("db", "replica", "start");
        Operator.docent("db", "replica", "resume");
        ServerSettings.clear();
    }

    @Test
    void readsGoToTheReplicaWhileItKeepsUpAndToThePrimaryOtherwise() {
        ServerSettings.write(Map.of("docent.db.replica.enabled", "true", "docent.db.replica.max-lag-seconds", "60"));
        String first = Ingestion.ingest(USER, "parking.md", "# Parking\n\nVisitors park in the north garage.", GROUP)
                .getString("documentId");
        await().atMost(Duration.ofSeconds(30)).until(() -> "in use".equals(replicaState()));
        await().atMost(Duration.ofSeconds(30)).until(() -> found(first));

        Operator.docent("db", "replica", "pause");
        String second = Ingestion.ingest(USER, "bikes.md", "# Bicycles\n\nBicycles go in the basement racks.", GROUP)
                .getString("documentId");
        // Committed on the primary, not replayed on the replica: a read that does not see it was served there.
        for (int i = 0; i < 5; i++) {
            assertThat(found(second)).as("read %d went to the paused replica", i).isFalse();
            Ingestion.sleep(300);
        }
        assertThat(found(first)).isTrue();

        // The replica now lags by seconds; a tighter bound sends reads to the primary.
        ServerSettings.write(Map.of("docent.db.replica.enabled", "true", "docent.db.replica.max-lag-seconds", "1"));
        await().atMost(Duration.ofSeconds(15)).until(() -> found(second));
        assertThat(replicaState()).isEqualTo("lagging");

        Operator.docent("db", "replica", "resume");
        ServerSettings.write(Map.of("docent.db.replica.enabled", "true", "docent.db.replica.max-lag-seconds", "60"));
        await().atMost(Duration.ofSeconds(15)).until(() -> "in use".equals(replicaState()));
        assertThat(found(second)).isTrue();

        Operator.docent("db", "replica", "stop");
        for (int i = 0; i < 5; i++) {
            Api.Reply reply = USER.post("/api/v1/search", query());
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().getBoolean("degraded")).isFalse();
            assertThat(documents(reply.json())).contains(first, second);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "down".equals(replicaState()));
    }

    private static JsonObject query() {
        return Json.createObjectBuilder().add("query", "where do visitors park and where do bicycles go")
                .add("mode", "dense").build();
    }

    private static boolean found(String documentId) {
        Api.Reply reply = USER.post("/api/v1/search", query());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return documents(reply.json()).contains(documentId);
    }

    private static List<String> documents(JsonObject results) {
        return results.getJsonArray("results").getValuesAs(JsonObject.class).stream()
                .map(hit -> hit.getString("documentId")).toList();
    }

    private static String replicaState() {
        return Api.anonymous().get("/health/ready").json().getJsonArray("checks").getValuesAs(JsonObject.class)
                .stream().filter(check -> check.getString("name").equals("database")).findFirst().orElseThrow()
                .getJsonObject("data").getString("replica");
    }
}

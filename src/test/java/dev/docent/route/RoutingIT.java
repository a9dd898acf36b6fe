package dev.docent.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Api;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.ServerSettings;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Small talk needs no retrieval; a question goes to the collections it belongs to, a new one included from its
 * first document; named collections win.
 */
@ExtendWith(ArquillianExtension.class)
class RoutingIT {

    private static final String GROUP = Fixtures.group("routing");
    private static final String HR = Fixtures.group("hr");
    private static final String IT = Fixtures.group("it");
    private static final Api USER = Api.as(TestTokens.token(Fixtures.user("rosa"), GROUP));
    private static String hrDocument;
    private static String itDocument;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @BeforeAll
    static void twoCollections() {
        Api admin = Api.as(TestTokens.token(Fixtures.user("root"), "admin"));
        admin.post("/api/v1/collections", Json.createObjectBuilder().add("name", HR)
                .add("description", "Human resources: vacation, parental leave, sick leave, salaries").build());
        admin.post("/api/v1/collections", Json.createObjectBuilder().add("name", IT)
                .add("description", "IT service desk: laptops, VPN, passwords, printers").build());
        hrDocument = Ingestion.ingest(USER, "vacation.md", "# Vacation\n\nEvery employee receives 30 days of paid "
                + "vacation per year, requested in the HR portal.", GROUP, "collection", HR).getString("documentId");
        Ingestion.ingest(USER, "sick.md", "# Sick leave\n\nA doctor's note is needed from the third day of illness.",
                GROUP, "collection", HR);
        itDocument = Ingestion.ingest(USER, "vpn.md", "# VPN\n\nThe VPN client needs a hardware token from the IT "
                + "service desk to reach the internal network.", GROUP, "collection", IT).getString("documentId");
        Ingestion.ingest(USER, "laptops.md", "# Laptops\n\nDevelopers may order a Linux laptop every four years.",
                GROUP, "collection", IT);
    }

    @Test
    void smallTalkIsAnsweredWithoutRetrieval() {
        JsonObject hello = ask("hi there!", null);
        assertThat(hello.getString("route")).isEqualTo("smalltalk");
        assertThat(hello.getJsonArray("sources")).isEmpty();
        assertThat(hello.getString("answer")).startsWith("Hello!");

        assertThat(ask("thanks!", null).getString("answer")).isEqualTo("You're welcome!");
        assertThat(ask("How many vacation days do I get per year?", null).getString("route")).isEqualTo("retrieval");
    }

    @Test
    void aQuestionIsAnsweredFromTheCollectionItBelongsTo() {
        JsonObject vacation = ask("How many days of paid vacation do employees get?", null);
        assertThat(vacation.getString("answer")).contains("30 days");
        assertThat(vacation.getJsonArray("sources")).extracting(s -> s.asJsonObject().getString("documentId"))
                .contains(hrDocument);

        JsonObject vpn = ask("What do I need to connect to the VPN?", null);
        assertThat(vpn.getString("answer")).contains("hardware token");
        assertThat(vpn.getJsonArray("sources")).extracting(s -> s.asJsonObject().getString("documentId"))
                .contains(itDocument);
    }

    @Test
    void namedCollectionsWin() {
        JsonObject onlyIt = ask("How many days of paid vacation do employees get?", IT);
        assertThat(onlyIt.toString()).doesNotContain(hrDocument).doesNotContain("30 days");
    }

    @Test
    void aCollectionsFirstDocumentsAreFoundAtOnceWithoutNamingIt() {
        // Counts that hold HR and IT, then no recount for the rest of the test: routing has to learn of the new
        // collection from its ingestion, not from the next count a minute later.
        ServerSettings.write(Map.of("docent.search.acl-statistics-seconds", "0"));
        try {
            ask("How many days of paid vacation do employees get?", null);
            ServerSettings.write(Map.of("docent.search.acl-statistics-seconds", "3600"));
            String facilities = Fixtures.group("facilities");
            Api admin = Api.as(TestTokens.token(Fixtures.user("root"), "admin"));
            assertThat(admin.post("/api/v1/collections", Json.createObjectBuilder().add("name", facilities).build())
                    .status()).isEqualTo(201);
            String bikes = Ingestion.ingest(USER, "bikes.md", "# Bike parking\n\nBicycles are parked in the "
                    + "courtyard rack behind building C; the gate opens with your badge.", GROUP, "collection",
                    facilities).getString("documentId");

            JsonObject answer = ask("Where do I park my bicycle?", null);
            assertThat(answer.getString("answer")).contains("courtyard");
            assertThat(answer.getJsonArray("sources")).extracting(s -> s.asJsonObject().getString("documentId"))
                    .contains(bikes);
        } finally {
            ServerSettings.clear();
        }
    }

    private static JsonObject ask(String question, String collection) {
        var body = Json.createObjectBuilder().add("question", question);
        if (collection != null) {
            body.add("collections", Json.createArrayBuilder().add(collection));
        }
        Api.Reply reply = USER.post("/api/v1/ask", body.build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }
}

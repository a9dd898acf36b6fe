package dev.docent.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two users in different groups never see each other's documents: not in answers, sources, search results,
 * document lists, document reads, counts, or by changing or deleting them.
 */
@ExtendWith(ArquillianExtension.class)
class AclIsolationIT {

    private static final String ALICE = Fixtures.user("alice");
    private static final String BOB = Fixtures.user("bob");
    private static final String CAROL = Fixtures.user("carol");
    private static final String DAVE = Fixtures.user("dave");
    private static final String ERIN = Fixtures.user("erin");
    private static final String ROOT = Fixtures.user("root");

    private static final String ENGINEERING = Fixtures.group("eng");
    private static final String HR = Fixtures.group("hr");
    private static Api alice;
    private static Api bob;
    private static String handbookId;
    private static String vacationId;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @BeforeAll
    static void eachUploadsToTheirOwnGroup() {
        alice = Api.as(TestTokens.token(ALICE, ENGINEERING));
        bob = Api.as(TestTokens.token(BOB, HR));
        handbookId = Ingestion.ingest(alice, "handbook.md", Fixtures.HANDBOOK, ENGINEERING).getString("documentId");
        vacationId = Ingestion.ingest(bob, "vacation.md", Fixtures.VACATION_POLICY, HR).getString("documentId");
    }

    @Test
    void answersComeOnlyFromReadableDocuments() {
        JsonObject forBob = bob.post("/api/v1/ask", question("How many days of paid vacation do employees get?")).json();
        assertThat(forBob.getString("answer")).contains("30 days");
        assertThat(forBob.getJsonArray("sources")).extracting(s -> s.asJsonObject().getString("documentId"))
                .containsOnly(vacationId);

        JsonObject forAlice = alice.post("/api/v1/ask", question("How many days of paid vacation do employees get?")).json();
        assertThat(forAlice.getString("answer")).isEqualTo("I don't know based on the available knowledge.");
        assertThat(forAlice.getJsonArray("sources")).isEmpty();
        assertThat(forAlice.toString()).doesNotContain(vacationId).doesNotContain("30 days");
    }

    @Test
    void streamedAnswersTooComeOnlyFromReadableDocuments() {
        var events = alice.stream("/api/v1/ask/stream", question("How many days of paid vacation do employees get?"));
        assertThat(events.toString()).doesNotContain(vacationId).doesNotContain("30 days");
        assertThat(events.get(events.size() - 1).json().getString("answer"))
                .isEqualTo("I don't know based on the available knowledge.");
    }

    @Test
    void searchReturnsOnlyReadableChunks() {
        JsonObject search = Json.createObjectBuilder().add("query", "paid vacation days per year").add("topK", 50).build();

        assertThat(alice.post("/api/v1/search", search).array("results"))
                .extracting(r -> r.asJsonObject().getString("documentId"))
                .doesNotContain(vacationId);
        assertThat(bob.post("/api/v1/search", search).array("results"))
                .extracting(r -> r.asJsonObject().getString("documentId"))
                .contains(vacationId).doesNotContain(handbookId);
    }

    @Test
    void aCollectionsListIsPagedNewestFirstAndCountedPerCaller() {
        String collection = Fixtures.group("listing");
        Api admin = Api.as(TestTokens.token(ROOT, "admin"));
        assertThat(admin.post("/api/v1/collections", Json.createObjectBuilder().add("name", collection).build())
                .status()).isEqualTo(201);
        List<String> alices = new ArrayList<>();
        for (String name : List.of("first.md", "second.md", "third.md")) {
            alices.add(Ingestion.ingest(alice, name, "# " + name + "\n\nNotes of the platform team about " + name,
                    ENGINEERING, "collection", collection).getString("documentId"));
        }
        String bobs = Ingestion.ingest(bob, "payroll.md", "# Payroll\n\nSalaries are paid on the 25th.", HR,
                "collection", collection).getString("documentId");

        String page = "/api/v1/documents?collection=" + collection + "&limit=2";
        assertThat(ids(alice.get(page))).containsExactly(alices.get(2), alices.get(1));
        assertThat(ids(alice.get(page + "&offset=2"))).containsExactly(alices.get(0));
        assertThat(ids(bob.get(page))).containsExactly(bobs);
        assertThat(count(alice, collection)).isEqualTo(3);
        assertThat(count(bob, collection)).isEqualTo(1);
        assertThat(count(admin, collection)).isZero();
        // A collection where the caller reads nothing is not listed for them (its name may say too much).
        Api carol = Api.as(TestTokens.token(CAROL, Fixtures.group("nobody")));
        assertThat(names(carol)).doesNotContain(collection).contains("general");
        assertThat(names(admin)).contains(collection);
    }

    @Test
    void documentListsShowOnlyReadableDocuments() {
        assertThat(alice.get("/api/v1/documents?limit=500").array("documents"))
                .extracting(d -> d.asJsonObject().getString("documentId"))
                .contains(handbookId).doesNotContain(vacationId);
        assertThat(bob.get("/api/v1/documents?limit=500").array("documents"))
                .extracting(d -> d.asJsonObject().getString("documentId"))
                .contains(vacationId).doesNotContain(handbookId);
    }

    @Test
    void anUnreadableDocumentDoesNotExistForTheCaller() {
        assertThat(alice.get("/api/v1/documents/" + vacationId).status()).isEqualTo(404);
        assertThat(alice.delete("/api/v1/documents/" + vacationId).status()).isEqualTo(404);
        Api.Reply acl = alice.put("/api/v1/documents/" + vacationId + "/acl",
                Json.createObjectBuilder().add("groups", Json.createArrayBuilder().add(ENGINEERING)).build());
        assertThat(acl.status()).isEqualTo(404);
        assertThat(acl.json().getString("error")).isEqualTo("not_found");

        assertThat(bob.get("/api/v1/documents/" + vacationId).json().getString("title")).isEqualTo("Vacation policy");
    }

    @Test
    void collectionCountsIncludeOnlyReadableDocuments() {
        long aliceSees = generalCount(alice);
        long carolSees = generalCount(Api.as(TestTokens.token(CAROL, Fixtures.group("nobody"))));
        assertThat(carolSees).isZero();
        assertThat(aliceSees).isPositive();
    }

    @Test
    void uploadingForAGroupYouAreNotInIsForbidden() {
        Api.Reply reply = alice.upload("sneaky.md", "# Sneaky\n\nText for someone else.", HR);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().getString("error")).isEqualTo("forbidden");
    }

    @Test
    void anAclChangeTakesEffectAtOnce() {
        String shared = Fixtures.group("shared");
        Api dave = Api.as(TestTokens.token(DAVE, shared, ENGINEERING));
        String memo = Ingestion.ingest(dave, "memo.md",
                "# Parking memo\n\nThe visitor parking garage closes at 22:00 on weekdays.", ENGINEERING)
                .getString("documentId");
        Api erin = Api.as(TestTokens.token(ERIN, shared));
        JsonObject parking = question("When does the visitor parking garage close?");
        assertThat(erin.post("/api/v1/ask", parking).json().getJsonArray("sources")).isEmpty();

        Api.Reply changed = dave.put("/api/v1/documents/" + memo + "/acl",
                Json.createObjectBuilder().add("groups", Json.createArrayBuilder().add(shared)).build());
        assertThat(changed.status()).isEqualTo(200);

        JsonObject forErin = erin.post("/api/v1/ask", parking).json();
        assertThat(forErin.getString("answer")).contains("22:00");
        JsonObject forAlice = alice.post("/api/v1/ask", parking).json();
        assertThat(forAlice.getJsonArray("sources")).extracting(s -> s.asJsonObject().getString("documentId"))
                .doesNotContain(memo);
    }

    @Test
    void anAclChangeWhileTheDocumentIsStillBeingIngestedIsKept() {
        String narrow = Fixtures.group("narrow");
        Api frank = Api.as(TestTokens.token(Fixtures.user("frank"), ENGINEERING, narrow));
        Api.Reply upload = frank.upload("roadmap.md", "# Roadmap\n\nThe next release ships the offline mode.", ENGINEERING);
        String documentId = upload.json().getString("documentId");

        Api.Reply changed = frank.put("/api/v1/documents/" + documentId + "/acl",
                Json.createObjectBuilder().add("groups", Json.createArrayBuilder().add(narrow)).build());
        Ingestion.awaitJob(frank, upload.json().getString("jobId"));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(frank.get("/api/v1/documents/" + documentId).json().getJsonArray("groups").getString(0))
                .isEqualTo(narrow);
        assertThat(Db.count("SELECT count(*) FROM chunk WHERE document_id = ?::uuid "
                + "AND NOT acl_groups = ARRAY[?]::text[]", documentId, narrow)).isZero();
        assertThat(Db.count("SELECT count(*) FROM chunk WHERE document_id = ?::uuid", documentId)).isPositive();
        assertThat(alice.post("/api/v1/ask", question("What does the next release ship?")).json().toString())
                .doesNotContain(documentId);
    }

    @Test
    void everyApiCallNeedsAValidToken() {
        assertThat(Api.anonymous().get("/api/v1/documents").status()).isEqualTo(401);
        assertThat(Api.anonymous().get("/api/v1/documents").json().getString("error")).isEqualTo("unauthorized");
        assertThat(Api.as("not-a-jwt").post("/api/v1/ask", question("hello")).status()).isEqualTo(401);
        assertThat(Api.as(TestTokens.expiredToken(ALICE, ENGINEERING)).get("/api/v1/collections").status())
                .isEqualTo(401);
        assertThat(Api.as(TestTokens.tokenFromOtherIssuer(ALICE, ENGINEERING)).get("/api/v1/collections").status())
                .isEqualTo(401);
    }

    @Test
    void onlyAdminsCreateCollections() {
        JsonObject body = Json.createObjectBuilder().add("name", Fixtures.group("policies"))
                .add("description", "Company policies").build();
        Api.Reply refused = alice.post("/api/v1/collections", body);
        assertThat(refused.status()).isEqualTo(403);

        Api admin = Api.as(TestTokens.token(ROOT, "admin"));
        Api.Reply created = admin.post("/api/v1/collections", body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/collections", body).status()).isEqualTo(409);
    }

    private static long generalCount(Api api) {
        return count(api, "general");
    }

    private static long count(Api api, String collection) {
        return api.get("/api/v1/collections").array("collections").stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals(collection))
                .findFirst().orElseThrow()
                .getJsonNumber("documents").longValue();
    }

    private static List<String> names(Api api) {
        return api.get("/api/v1/collections").array("collections").stream()
                .map(c -> c.asJsonObject().getString("name")).toList();
    }

    private static List<String> ids(Api.Reply documents) {
        return documents.array("documents").stream().map(d -> d.asJsonObject().getString("documentId")).toList();
    }

    private static JsonObject question(String text) {
        return Json.createObjectBuilder().add("question", text).build();
    }
}

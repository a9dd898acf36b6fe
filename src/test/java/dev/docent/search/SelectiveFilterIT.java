package dev.docent.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pgvector.PGhalfvec;
import dev.docent.embed.BgeSmallModel;
import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.Metrics;
import dev.docent.it.ServerSettings;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A caller whose groups can read 1% of the chunks still gets k results, and the true nearest ones: once the ACL
 * statistics know how little that is, the search reads the permitted rows exactly instead of walking the HNSW graph;
 * before that (or for a wide permission) the HNSW scan keeps going until enough rows pass the ACL filter (pgvector
 * iterative scan), instead of returning the few that the first candidates hold.
 */
@ExtendWith(ArquillianExtension.class)
class SelectiveFilterIT {

    private static final String RARE = Fixtures.group("rare");
    private static final String COMMON = Fixtures.group("common");
    /** 40 of the documents (2,000 chunks) are readable by MID as well as by COMMON. */
    private static final String MID = Fixtures.group("mid");
    private static final int DOCUMENTS = 100;
    private static final int CHUNKS_PER_DOCUMENT = 50;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    /**
     * 5,000 chunks with random unit vectors; one document in a hundred (50 chunks, 1%) is readable by RARE, forty
     * (2,000 chunks) by MID and COMMON, the rest by COMMON.
     */
    @BeforeAll
    static void manyChunksFewReadable() {
        Db.execute("""
                INSERT INTO document (id, collection_id, external_id, title, acl_groups, status, chunk_count,
                                      created_by)
                SELECT gen_random_uuid(), 1, '%1$s-' || d, 'Synthetic ' || d,
                       CASE WHEN d = 1 THEN ARRAY['%2$s'] WHEN d <= 41 THEN ARRAY['%3$s', '%6$s'] ELSE ARRAY['%3$s'] END,
                       'ready', %5$d, 'test'
                FROM generate_series(1, %4$d) d;
                INSERT INTO chunk (document_id, collection_id, ordinal, text, text_sha256, token_count, embedding, acl_groups)
                SELECT doc.id, 1, c, 'synthetic passage ' || c, md5(doc.id::text || c) || md5(c::text), 3,
                       l2_normalize(ARRAY(SELECT random() - 0.5 + 0 * c FROM generate_series(1, 384))::vector)::halfvec(384),
                       doc.acl_groups
                FROM document doc, generate_series(1, %5$d) c
                WHERE doc.external_id LIKE '%1$s-%%';
                ANALYZE chunk;
                """.formatted(RARE, RARE, COMMON, DOCUMENTS, CHUNKS_PER_DOCUMENT, MID));
    }

    @Test
    void aOnePercentFilterStillReturnsKResults() {
        assertThat(Db.count("SELECT count(*) FROM chunk WHERE ? = ANY (acl_groups)", RARE))
                .isEqualTo(CHUNKS_PER_DOCUMENT);

        JsonArray results = search(Api.as(TestTokens.token("rita", RARE)), 10);

        assertThat(results).hasSize(10);
        assertThat(results).allSatisfy(r -> assertThat(r.asJsonObject().getString("externalId")).isEqualTo(RARE + "-1"));
    }

    @Test
    void aNarrowPermissionIsSearchedExactlyAndAWideOneThroughTheIndex() throws SQLException {
        // Statistics recounted on every search here (in the background), instead of once a minute.
        ServerSettings.write(Map.of("docent.search.acl-statistics-seconds", "0"));
        try {
            Api rita = Api.as(TestTokens.token("rita", RARE));
            JsonObject query = Json.createObjectBuilder().add("query", "synthetic passage about anything")
                    .add("topK", 10).add("mode", "dense").build();
            long exactBefore = plans("exact");
            long deadline = System.currentTimeMillis() + 15_000;
            // The first searches may run before the recount has seen these documents.
            while (plans("exact") == exactBefore && System.currentTimeMillis() < deadline) {
                assertThat(rita.post("/api/v1/search", query).status()).isEqualTo(200);
                Ingestion.sleep(250);
            }
            assertThat(plans("exact")).as("a 50-passage permission takes the exact plan").isGreaterThan(exactBefore);
            List<Long> found = chunkIds(rita.post("/api/v1/search", query).array("results"));
            assertThat(found).hasSize(10).containsExactlyElementsOf(exactNearest(List.of(RARE), "synthetic passage "
                    + "about anything", 10));

            long hnswBefore = plans("hnsw");
            Api.as(TestTokens.token("carl", COMMON)).post("/api/v1/search", query);
            assertThat(plans("hnsw")).as("4,950 passages are past the exact plan's 3,000").isEqualTo(hnswBefore + 1);
        } finally {
            ServerSettings.clear();
        }
    }

    @Test
    void aLargeGroupWithASmallShareIsSearchedInAVectorIndexOfItsOwnUntilItShrinks() throws SQLException {
        // A walk of 100 candidates (1,500 rows' worth) is cheaper than sorting MID's and RARE's 2,050 passages.
        ServerSettings.write(Map.of("docent.search.acl-statistics-seconds", "0",
                "docent.search.group-index-min-passages", "1000", "docent.search.group-index-max-share", "0.5",
                "docent.search.group-index-ef-search", "100"));
        try {
            // MID's 2,000 passages in their own graph; RARE's 50 read exactly beside them.
            Api mia = Api.as(TestTokens.token("mia", MID, RARE));
            JsonObject query = Json.createObjectBuilder().add("query", "synthetic passage about something")
                    .add("topK", 10).add("mode", "dense").build();
            long before = plans("group-index");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(mia.post("/api/v1/search", query).status()).isEqualTo(200);
                return plans("group-index") > before;
            });
            assertThat(Db.string("SELECT indexdef FROM pg_indexes WHERE indexname = (SELECT index_name "
                    + "FROM group_vector_index WHERE group_name = ?)", MID)).contains("hnsw").contains(MID);

            List<Long> found = chunkIds(mia.post("/api/v1/search", query).array("results"));
            List<Long> truth = exactNearest(List.of(MID, RARE), "synthetic passage about something", 10);
            assertThat(found).hasSize(10).doesNotHaveDuplicates();
            // An HNSW walk is approximate, and random vectors (all about equally far apart) are its hardest case.
            assertThat(found.stream().filter(truth::contains).count()).isGreaterThanOrEqualTo(8);
            assertThat(Db.count("SELECT count(*) FROM chunk WHERE id = ANY (?::bigint[]) AND acl_groups && ?::text[]",
                    found.toString().replace('[', '{').replace(']', '}'), "{" + MID + "," + RARE + "}")).isEqualTo(10);

            ServerSettings.write(Map.of("docent.search.acl-statistics-seconds", "0",
                    "docent.search.group-index-min-passages", "100000"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                mia.post("/api/v1/search", query);
                return Db.count("SELECT count(*) FROM group_vector_index") == 0;
            });
            // Unregistered first, so that no plan picks it, then dropped concurrently: after the searches under way.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(Db.count("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'chunk_embedding_group_%'"))
                            .as("the index of a group below half the minimum is dropped").isZero());
        } finally {
            ServerSettings.clear();
        }
    }

    private static List<Long> chunkIds(JsonArray results) {
        return results.getValuesAs(JsonObject.class).stream().map(r -> r.getJsonNumber("chunkId").longValue())
                .toList();
    }

    /**
     * A search that waits (up to 20 s) for topK results: the query path reads the replica, which may not have
     * replayed the chunks {@link #manyChunksFewReadable} just wrote on the primary.
     */
    private static JsonArray search(Api caller, int topK) {
        JsonObject query = Json.createObjectBuilder().add("query", "synthetic passage about anything")
                .add("topK", topK).build();
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> caller.post("/api/v1/search", query).array("results"), found -> found.size() >= topK);
    }

    /** The true nearest chunks of the groups: every one of their rows sorted by distance to the query's vector. */
    private static List<Long> exactNearest(List<String> groups, String query, int k) throws SQLException {
        float[] vector = new BgeSmallModel(Runnable::run, 1)
                .embed("Represent this sentence for searching relevant passages: " + query).content().vector();
        try (Connection connection = Db.owner(); PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM chunk WHERE acl_groups && ? ORDER BY embedding <=> ?, id LIMIT ?")) {
            select.setArray(1, connection.createArrayOf("text", groups.toArray()));
            select.setObject(2, new PGhalfvec(vector));
            select.setInt(3, k);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private static long plans(String plan) {
        return Metrics.counter("docent_dense_searches_total", "plan=\"" + plan + "\"");
    }

    @Test
    void theCommonGroupSeesNoneOfTheRareChunks() {
        JsonArray results = search(Api.as(TestTokens.token("carl", COMMON)), 50);

        assertThat(results).hasSize(50);
        assertThat(results).noneSatisfy(r -> assertThat(r.asJsonObject().getString("externalId")).isEqualTo(RARE + "-1"));
    }
}

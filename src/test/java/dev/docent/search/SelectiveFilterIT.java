package dev.docent.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A caller whose groups can read 1% of the chunks still gets k results: the HNSW scan keeps going until enough
 * rows pass the ACL filter (pgvector iterative scan), instead of returning the few that the first candidates hold.
 */
@ExtendWith(ArquillianExtension.class)
class SelectiveFilterIT {

    private static final String RARE = Fixtures.group("rare");
    private static final String COMMON = Fixtures.group("common");
    private static final int DOCUMENTS = 100;
    private static final int CHUNKS_PER_DOCUMENT = 50;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    /** 5,000 chunks with random unit vectors; one document in a hundred (50 chunks, 1%) is readable by RARE. */
    @BeforeAll
    static void manyChunksFewReadable() {
        Db.execute("""
                INSERT INTO document (id, collection_id, external_id, title, acl_groups, status, created_by)
                SELECT gen_random_uuid(), 1, '%1$s-' || d, 'Synthetic ' || d,
                       CASE WHEN d = 1 THEN ARRAY['%2$s'] ELSE ARRAY['%3$s'] END, 'ready', 'test'
                FROM generate_series(1, %4$d) d;
                INSERT INTO chunk (document_id, collection_id, ordinal, text, text_sha256, token_count, embedding, acl_groups)
                SELECT doc.id, 1, c, 'synthetic passage ' || c, md5(doc.id::text || c) || md5(c::text), 3,
                       l2_normalize(ARRAY(SELECT random() - 0.5 + 0 * c FROM generate_series(1, 384))::vector)::halfvec(384),
                       doc.acl_groups
                FROM document doc, generate_series(1, %5$d) c
                WHERE doc.external_id LIKE '%1$s-%%';
                ANALYZE chunk;
                """.formatted(RARE, RARE, COMMON, DOCUMENTS, CHUNKS_PER_DOCUMENT));
    }

    @Test
    void aOnePercentFilterStillReturnsKResults() {
        assertThat(Db.count("SELECT count(*) FROM chunk WHERE ? = ANY (acl_groups)", RARE))
                .isEqualTo(CHUNKS_PER_DOCUMENT);

        JsonArray results = Api.as(TestTokens.token("rita", RARE)).post("/api/v1/search",
                Json.createObjectBuilder().add("query", "synthetic passage about anything").add("topK", 10).build())
                .array("results");

        assertThat(results).hasSize(10);
        assertThat(results).allSatisfy(r -> assertThat(r.asJsonObject().getString("externalId")).isEqualTo(RARE + "-1"));
    }

    @Test
    void theCommonGroupSeesNoneOfTheRareChunks() {
        JsonArray results = Api.as(TestTokens.token("carl", COMMON)).post("/api/v1/search",
                Json.createObjectBuilder().add("query", "synthetic passage about anything").add("topK", 50).build())
                .array("results");

        assertThat(results).hasSize(50);
        assertThat(results).noneSatisfy(r -> assertThat(r.asJsonObject().getString("externalId")).isEqualTo(RARE + "-1"));
    }
}

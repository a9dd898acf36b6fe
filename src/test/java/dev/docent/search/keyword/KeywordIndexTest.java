package dev.docent.search.keyword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.docent.search.RetrievedChunk;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lucene on a temporary directory: BM25 ranking, and the same ACL, collection and expiry filters as SQL. */
class KeywordIndexTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path directory;

    @Test
    void ranksByBm25WithEnglishStemming() {
        try (KeywordIndex index = new KeywordIndex(directory)) {
            index.upsert(chunk(1, "Deployments", "Production deployments happen on Tuesdays.", 1, List.of("eng"), null));
            index.upsert(chunk(2, "Cafeteria", "Lunch is served from noon.", 1, List.of("eng"), null));
            index.commit(Map.of());

            List<RetrievedChunk> hits = index.search("when do we deploy to production", Set.of("eng"), Set.of(), NOW, 10);

            assertThat(hits).extracting(RetrievedChunk::chunkId).containsExactly(1L);
            assertThat(hits.get(0).score()).isPositive();
            assertThat(hits.get(0).title()).isEqualTo("Deployments");
            assertThat(hits.get(0).hasSimilarity()).isFalse();
        }
    }

    @Test
    void filtersByGroupsCollectionsAndExpiry() {
        try (KeywordIndex index = new KeywordIndex(directory)) {
            index.upsert(chunk(1, "Budget", "secret budget numbers", 1, List.of("finance"), null));
            index.upsert(chunk(2, "Budget", "public budget summary", 1, List.of("everyone", "finance"), null));
            index.upsert(chunk(3, "Budget", "old budget plan", 2, List.of("everyone"), null));
            index.upsert(chunk(4, "Budget", "expired budget memo", 1, List.of("everyone"), NOW.minusSeconds(1)));
            index.commit(Map.of());

            assertThat(ids(index.search("budget", Set.of("everyone"), Set.of(), NOW, 10))).containsExactlyInAnyOrder(2L, 3L);
            assertThat(ids(index.search("budget", Set.of("everyone"), Set.of(1L), NOW, 10))).containsExactly(2L);
            assertThat(ids(index.search("budget", Set.of("finance"), Set.of(), NOW, 10))).containsExactlyInAnyOrder(1L, 2L);
            assertThat(index.search("budget", Set.of(), Set.of(), NOW, 10)).isEmpty();
            assertThat(ids(index.search("budget", Set.of("everyone"), Set.of(1L), NOW.minusSeconds(60), 10)))
                    .containsExactlyInAnyOrder(2L, 4L);
        }
    }

    @Test
    void upsertReplacesAndDeleteRemoves() {
        try (KeywordIndex index = new KeywordIndex(directory)) {
            index.upsert(chunk(1, "Memo", "parking rules", 1, List.of("a"), null));
            index.upsert(chunk(1, "Memo", "parking rules", 1, List.of("b"), null));
            index.commit(Map.of());
            assertThat(index.search("parking", Set.of("a"), Set.of(), NOW, 10)).isEmpty();
            assertThat(ids(index.search("parking", Set.of("b"), Set.of(), NOW, 10))).containsExactly(1L);

            index.delete(1);
            index.commit(Map.of());
            assertThat(index.search("parking", Set.of("b"), Set.of(), NOW, 10)).isEmpty();
            assertThat(index.size()).isZero();
        }
    }

    @Test
    void theCommitRemembersWhereItStoodAcrossRestarts() {
        try (KeywordIndex index = new KeywordIndex(directory)) {
            index.upsert(chunk(1, "Memo", "text", 1, List.of("a"), null));
            index.commit(Map.of("watermark", "1234", "instance", "db-1"));
        }
        try (KeywordIndex reopened = new KeywordIndex(directory)) {
            assertThat(reopened.committedState()).containsEntry("watermark", "1234").containsEntry("instance", "db-1");
            assertThat(reopened.size()).isEqualTo(1);
        }
    }

    @Test
    void aStoredEmbeddingGivesEachHitItsSimilarityToTheQuestion() {
        try (KeywordIndex index = new KeywordIndex(directory)) {
            index.upsert(new IndexedChunk(1, UUID.randomUUID(), "ext-1", "Parking", null, "Parking is free.", 1,
                    List.of("a"), null, new float[] {0.6f, 0.8f}));
            index.upsert(chunk(2, "Parking", "Parking costs nothing.", 1, List.of("a"), null));
            index.commit(Map.of());

            List<RetrievedChunk> hits = index.search("parking", new float[] {1f, 0f}, Set.of("a"), Set.of(), NOW, 10);

            assertThat(hits).filteredOn(h -> h.chunkId() == 1).singleElement()
                    .satisfies(h -> assertThat(h.similarity()).isCloseTo(0.6, within(1e-6)));
            assertThat(hits).filteredOn(h -> h.chunkId() == 2).singleElement()
                    .satisfies(h -> assertThat(h.hasSimilarity()).isFalse());
        }
    }

    @Test
    void aQueryOfOnlyStopWordsFindsNothing() {
        try (KeywordIndex index = new KeywordIndex(directory)) {
            index.upsert(chunk(1, "Memo", "the and of", 1, List.of("a"), null));
            index.commit(Map.of());
            assertThat(index.search("the of and", Set.of("a"), Set.of(), NOW, 10)).isEmpty();
        }
    }

    private static List<Long> ids(List<RetrievedChunk> hits) {
        return hits.stream().map(RetrievedChunk::chunkId).toList();
    }

    private static IndexedChunk chunk(long id, String title, String text, long collection, List<String> groups,
                                      Instant expires) {
        return new IndexedChunk(id, UUID.randomUUID(), "ext-" + id, title, null, text, collection, groups, expires);
    }
}

package dev.docent.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    @Test
    void sumsOneOverKPlusRankAcrossRankings() {
        // dense: 1, 2, 3; bm25: 3, 4. With k = 60:
        // 1: 1/61 = 0.016393; 2: 1/62 = 0.016129; 3: 1/63 + 1/61 = 0.032266; 4: 1/62 = 0.016129
        List<RetrievedChunk> fused = ReciprocalRankFusion.fuse(List.of(
                List.of(chunk(1, 0.9), chunk(2, 0.8), chunk(3, 0.7)),
                List.of(chunk(3, Double.NaN), chunk(4, Double.NaN))), 60, 10);

        assertThat(fused).extracting(RetrievedChunk::chunkId).containsExactly(3L, 1L, 2L, 4L);
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-9));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 61, within(1e-9));
    }

    @Test
    void keepsTheSimilarityWhicheverListKnewIt() {
        List<RetrievedChunk> fused = ReciprocalRankFusion.fuse(List.of(
                List.of(chunk(7, Double.NaN)), List.of(chunk(7, 0.77))), 60, 10);

        assertThat(fused).singleElement().satisfies(c -> assertThat(c.similarity()).isEqualTo(0.77));
    }

    @Test
    void cutsAtTheLimitAndBreaksTiesByChunkId() {
        List<RetrievedChunk> fused = ReciprocalRankFusion.fuse(List.of(
                List.of(chunk(9, 0.5)), List.of(chunk(8, 0.5))), 60, 1);

        assertThat(fused).extracting(RetrievedChunk::chunkId).containsExactly(8L);
    }

    private static RetrievedChunk chunk(long id, double similarity) {
        return new RetrievedChunk(id, UUID.randomUUID(), "e" + id, "t", null, "text " + id, similarity, similarity);
    }
}

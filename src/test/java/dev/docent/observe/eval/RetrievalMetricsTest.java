package dev.docent.observe.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each metric against examples worked out by hand. */
class RetrievalMetricsTest {

    private static final List<String> RANKED = List.of("a", "b", "c", "d", "e");

    @Test
    void hitRateAsksWhetherAnyRelevantDocumentIsInTheTopK() {
        Map<String, Integer> relevant = Map.of("c", 1);
        assertThat(RetrievalMetrics.hitRate(RANKED, relevant, 1)).isZero();
        assertThat(RetrievalMetrics.hitRate(RANKED, relevant, 2)).isZero();
        assertThat(RetrievalMetrics.hitRate(RANKED, relevant, 3)).isEqualTo(1);
    }

    @Test
    void reciprocalRankIsOneOverTheFirstRelevantRank() {
        assertThat(RetrievalMetrics.reciprocalRank(RANKED, Map.of("c", 1, "e", 1), 10)).isEqualTo(1.0 / 3);
        assertThat(RetrievalMetrics.reciprocalRank(RANKED, Map.of("a", 1), 10)).isEqualTo(1.0);
        assertThat(RetrievalMetrics.reciprocalRank(RANKED, Map.of("e", 1), 4)).isZero();
        assertThat(RetrievalMetrics.reciprocalRank(RANKED, Map.of("z", 1), 10)).isZero();
    }

    @Test
    void ndcgWithBinaryRelevance() {
        // relevant at ranks 2 and 4: DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068 = 1.06161
        // ideal: ranks 1 and 2: IDCG = 1 + 0.63093 = 1.63093; nDCG = 0.65093
        assertThat(RetrievalMetrics.ndcg(RANKED, Map.of("b", 1, "d", 1), 10)).isCloseTo(0.65093, within(1e-4));
    }

    @Test
    void ndcgWithGradedRelevanceUsesLinearGains() {
        // grades: a=1 at rank 1, c=2 at rank 3: DCG = 1/1 + 2/log2(4) = 1 + 1 = 2
        // ideal: 2 then 1: IDCG = 2 + 1/log2(3) = 2.63093; nDCG = 0.76019
        assertThat(RetrievalMetrics.ndcg(RANKED, Map.of("a", 1, "c", 2), 10)).isCloseTo(0.76019, within(1e-4));
    }

    @Test
    void ndcgIsOneForAPerfectRankingAndCutsAtK() {
        assertThat(RetrievalMetrics.ndcg(RANKED, Map.of("a", 2, "b", 1), 10)).isCloseTo(1.0, within(1e-9));
        assertThat(RetrievalMetrics.ndcg(RANKED, Map.of("e", 1), 4)).isZero();
    }

    @Test
    void recallCountsTheShareOfRelevantDocumentsFound() {
        assertThat(RetrievalMetrics.recall(RANKED, Map.of("a", 1, "d", 1, "z", 1), 100)).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(RetrievalMetrics.recall(RANKED, Map.of("a", 1, "d", 1, "z", 1), 2)).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(RetrievalMetrics.recall(RANKED, Map.of(), 100)).isZero();
    }

    @Test
    void aDocumentCountsOnceAtItsBestRank() {
        assertThat(RetrievalMetrics.distinct(List.of("a", "b", "a", "c", "b"))).containsExactly("a", "b", "c");
    }
}

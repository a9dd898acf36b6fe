package dev.docent.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): a passage scores the sum of 1 / (k + rank) over the lists it appears
 * in (rank from 1). It needs no calibration between BM25 scores and cosine similarities, which is why hybrid
 * retrieval uses it; k = 60 is the usual choice.
 */
public final class ReciprocalRankFusion {

    private ReciprocalRankFusion() {
    }

    public static List<RetrievedChunk> fuse(List<List<RetrievedChunk>> rankings, int k, int limit) {
        Map<Long, RetrievedChunk> chunks = new LinkedHashMap<>();
        Map<Long, Double> scores = new LinkedHashMap<>();
        for (List<RetrievedChunk> ranking : rankings) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                RetrievedChunk chunk = ranking.get(rank);
                scores.merge(chunk.chunkId(), 1.0 / (k + rank + 1), Double::sum);
                chunks.merge(chunk.chunkId(), chunk, ReciprocalRankFusion::keepSimilarity);
            }
        }
        List<RetrievedChunk> fused = new ArrayList<>();
        scores.forEach((id, score) -> fused.add(chunks.get(id).withScore(score)));
        fused.sort(Comparator.comparingDouble(RetrievedChunk::score).reversed()
                .thenComparingLong(RetrievedChunk::chunkId));
        return fused.size() > limit ? List.copyOf(fused.subList(0, limit)) : fused;
    }

    private static RetrievedChunk keepSimilarity(RetrievedChunk seen, RetrievedChunk again) {
        return seen.hasSimilarity() || !again.hasSimilarity() ? seen : seen.withSimilarity(again.similarity());
    }
}

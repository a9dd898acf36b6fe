package dev.docent.observe.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The standard retrieval metrics over one query's ranked document ids and its judged relevant documents
 * (document id -> graded relevance, > 0), as trec_eval (and so BEIR) computes them: linear gains for nDCG.
 */
public final class RetrievalMetrics {

    private RetrievalMetrics() {
    }

    /** Document ids in rank order, each once (a document's best passage decides its rank). */
    public static List<String> distinct(List<String> rankedIds) {
        return new ArrayList<>(new LinkedHashSet<>(rankedIds));
    }

    public static double hitRate(List<String> ranked, Map<String, Integer> relevant, int k) {
        return ranked.stream().limit(k).anyMatch(id -> relevant.getOrDefault(id, 0) > 0) ? 1 : 0;
    }

    public static double reciprocalRank(List<String> ranked, Map<String, Integer> relevant, int k) {
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.getOrDefault(ranked.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    public static double ndcg(List<String> ranked, Map<String, Integer> relevant, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            dcg += relevant.getOrDefault(ranked.get(i), 0) / log2(i + 2);
        }
        List<Integer> ideal = relevant.values().stream().filter(g -> g > 0)
                .sorted(Comparator.reverseOrder()).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    public static double recall(List<String> ranked, Map<String, Integer> relevant, int k) {
        long total = relevant.values().stream().filter(g -> g > 0).count();
        if (total == 0) {
            return 0;
        }
        long found = ranked.stream().limit(k).filter(id -> relevant.getOrDefault(id, 0) > 0).count();
        return (double) found / total;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

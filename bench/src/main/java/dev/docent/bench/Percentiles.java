package dev.docent.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency percentiles over a run, nearest-rank. */
public record Percentiles(int count, double p50, double p95, double p99, double max) {

    public static Percentiles of(List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return new Percentiles(sorted.size(), at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
                sorted.get(sorted.size() - 1));
    }

    private static double at(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public String row(String name) {
        return String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f |", name, count, p50, p95, p99, max);
    }
}

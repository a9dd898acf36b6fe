package dev.docent.observe.eval;

import dev.docent.it.Api;
import dev.docent.it.TestTokens;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./docent eval DATASET_DIR [--mode dense|bm25|hybrid|all] [--limit N] [--url URL]}: ingests the corpus into
 * collection eval-NAME, runs the judged queries in each mode, prints the metrics, the similarity distributions the
 * "I don't know" threshold is chosen from, and records each run at /api/v1/admin/eval-runs.
 */
public final class EvalCommand {

    private EvalCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ./docent eval DATASET_DIR [--mode dense|bm25|hybrid|all] [--limit N] [--url URL]");
            System.exit(2);
        }
        List<String> modes = List.of("dense", "bm25", "hybrid");
        int limit = 0;
        String url = "http://127.0.0.1:9080";
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> modes = args[++i].equals("all") ? modes : List.of(args[i]);
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--url" -> url = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        run(Path.of(args[0]), modes, limit, new Api(url, TestTokens.token("eval-harness", Evaluation.GROUP, "admin")),
                System.out);
    }

    /** The whole harness; returns each mode's result (also used by EvalHarnessIT). */
    public static List<Evaluation.ModeResult> run(Path dataset, List<String> modes, int limit, Api api, PrintStream out)
            throws Exception {
        BeirDataset data = BeirDataset.read(dataset, limit);
        String collection = Evaluation.collectionFor(data);
        Evaluation evaluation = new Evaluation(api, out);
        evaluation.ingest(data, collection, 4);
        List<Evaluation.ModeResult> results = new ArrayList<>();
        for (String mode : modes) {
            Evaluation.ModeResult result = evaluation.evaluate(data, collection, mode);
            evaluation.record(data, result);
            results.add(result);
        }
        print(data, results, out);
        return results;
    }

    static void print(BeirDataset data, List<Evaluation.ModeResult> results, PrintStream out) {
        out.printf("%nDocent retrieval evaluation: %s, %d queries, %d documents, %s%n", data.name(),
                data.queries().size(), data.corpus().size(), LocalDate.now());
        out.println("| mode | hit@1 | hit@5 | hit@10 | MRR@10 | nDCG@10 | recall@100 | time |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Evaluation.ModeResult r : results) {
            out.printf("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f s |%n", r.mode(), r.hitAt1(), r.hitAt5(),
                    r.hitAt10(), r.mrrAt10(), r.ndcgAt10(), r.recallAt100(), r.tookMs() / 1000.0);
        }
        for (Evaluation.ModeResult r : results) {
            if (r.mode().equals("dense") && !r.relevantScores().isEmpty()) {
                out.println();
                out.println("Similarity of results (dense), for the \"I don't know\" threshold:");
                printDistribution(out, "best relevant result", r.relevantScores());
                printDistribution(out, "best irrelevant result", r.bestIrrelevantScores());
                printDistribution(out, "off-topic questions (top result)", r.offTopicScores());
                double keep95 = Evaluation.percentile(r.relevantScores(), 0.05);
                long offTopicAnswered = r.offTopicScores().stream().filter(s -> s >= keep95).count();
                out.printf("A threshold of %.3f keeps 95%% of relevant results and lets %d of %d off-topic questions through.%n",
                        keep95, offTopicAnswered, r.offTopicScores().size());
            }
        }
    }

    private static void printDistribution(PrintStream out, String name, List<Double> values) {
        out.printf("  %-34s p5 %s  p10 %s  p25 %s  p50 %s  p90 %s  max %s  (n=%d)%n", name,
                Evaluation.format(Evaluation.percentile(values, 0.05)),
                Evaluation.format(Evaluation.percentile(values, 0.10)),
                Evaluation.format(Evaluation.percentile(values, 0.25)),
                Evaluation.format(Evaluation.percentile(values, 0.50)),
                Evaluation.format(Evaluation.percentile(values, 0.90)),
                Evaluation.format(Evaluation.percentile(values, 1.0)), values.size());
    }
}

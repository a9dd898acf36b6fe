package dev.docent.bench;

import dev.docent.embed.BgeSmallModel;
import dev.docent.observe.eval.BeirDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./docent bench embed [QUERIES]}: what a question's embedding costs with the model's intra-op threads at 1
 * (Docent's setting) and 2, with and without BGE's query instruction (about 11 tokens in front of a question of
 * about 17) — one query at a time (latency) and with 8 concurrent callers (throughput) — on SciFact's questions, in
 * this process, and then where one embedding's time goes by ONNX operator ({@link EmbeddingProfile}). The query
 * embedding is the largest part of a /search and of a paraphrase cache hit, so this is the floor under both.
 */
public final class QueryEmbeddingBench {

    private static final String INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private QueryEmbeddingBench() {
    }

    public static void main(String[] args) throws Exception {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path dataset = Path.of(System.getProperty("docent.bench.dataset", "../shared/datasets/scifact"));
        List<String> queries = new ArrayList<>(BeirDataset.read(dataset, limit).queries().values());
        System.out.printf("## Query embedding, %d SciFact questions, %s%n%nMachine: %s.%n%n", queries.size(),
                java.time.LocalDate.now(), Machine.describe());
        System.out.println("| intra-op threads | instruction | callers | n | P50 ms | P95 ms | P99 ms | queries/s |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (int threads : List.of(1, 2)) {
            BgeSmallModel model = new BgeSmallModel(Runnable::run, threads);
            for (int i = 0; i < 100; i++) {
                model.embed(INSTRUCTION + queries.get(i % queries.size())); // JIT and ONNX Runtime's first runs
            }
            for (String instruction : List.of(INSTRUCTION, "")) {
                for (int callers : List.of(1, 8)) {
                    ClosedLoop.Result result = ClosedLoop.run(callers, queries, Math.max(queries.size(), 400),
                            query -> {
                                model.embed(instruction + query);
                                return Double.NaN;
                            });
                    System.out.printf("| %d | %s | %d | %d | %.1f | %.1f | %.1f | %.0f |%n", threads,
                            instruction.isEmpty() ? "none" : "BGE's", callers, result.client().count(),
                            result.client().p50(), result.client().p95(), result.client().p99(), result.perSecond());
                }
            }
        }
        EmbeddingProfile.print(queries.subList(0, Math.min(200, queries.size())), INSTRUCTION);
    }
}

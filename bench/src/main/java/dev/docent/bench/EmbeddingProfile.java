package dev.docent.bench;

import ai.onnxruntime.OrtSession;
import dev.docent.embed.BgeSmallModel;
import dev.docent.embed.BgeTokenCounter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where one question's embedding goes, by ONNX operator: ONNX Runtime's own profiler on Docent's model and session
 * options (one intra-op thread, all graph optimizations), over the same questions with BGE's instruction. Prints the
 * time per operator type and the rate the matrix multiplications reach, which says whether the model is bound by
 * arithmetic (then only fewer tokens or a smaller model help) or by overheads around it.
 */
final class EmbeddingProfile {

    /** bge-small: 12 layers, each with Q, K, V and output projections (384x384) and a 384x1536 feed-forward pair. */
    private static final long MATMUL_MACS_PER_TOKEN = 12L * (4L * 384 * 384 + 2L * 384 * 1536);

    private static final Set<String> INT8_MATMULS = Set.of("DynamicQuantizeMatMul", "MatMulIntegerToFloat");

    private EmbeddingProfile() {
    }

    static void print(List<String> questions, String instruction) throws Exception {
        Path directory = Files.createTempDirectory("docent-ort-profile");
        OrtSession.SessionOptions options = BgeSmallModel.options(1);
        options.enableProfiling(directory.resolve("bge").toString());
        BgeSmallModel model = new BgeSmallModel(Runnable::run, options);
        BgeTokenCounter counter = new BgeTokenCounter();
        long tokens = 0;
        for (String question : questions) {
            // [CLS] and [SEP] come on top of the text's own tokens.
            tokens += counter.count(instruction + question) + 2;
            model.embed(instruction + question);
        }
        Path profile = Path.of(model.endProfiling());
        Map<String, long[]> byOperator = new TreeMap<>();
        long runs = 0;
        long runMicros = 0;
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(profile))) {
            for (JsonValue value : reader.readArray()) {
                JsonObject event = value.asJsonObject();
                String name = event.getString("name", "");
                if ("Session".equals(event.getString("cat", "")) && "model_run".equals(name)) {
                    runs++;
                    runMicros += event.getJsonNumber("dur").longValue();
                } else if ("Node".equals(event.getString("cat", "")) && name.endsWith("_kernel_time")) {
                    long[] sums = byOperator.computeIfAbsent(
                            event.getJsonObject("args").getString("op_name", "?"), operator -> new long[2]);
                    sums[0] += event.getJsonNumber("dur").longValue();
                    sums[1]++;
                }
            }
        }
        Files.deleteIfExists(profile);
        Files.deleteIfExists(directory);
        long kernelMicros = byOperator.values().stream().mapToLong(sums -> sums[0]).sum();
        long perRun = runs;
        System.out.printf("%n### Where one question's embedding goes (ONNX Runtime's profiler, %d questions, %.1f "
                + "tokens each with the instruction)%n%n", runs, (double) tokens / runs);
        System.out.println("| operator | nodes per question | µs per question | share of kernel time |");
        System.out.println("| --- | --- | --- | --- |");
        byOperator.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .limit(12)
                .forEach(entry -> System.out.printf("| %s | %d | %.0f | %.1f%% |%n", entry.getKey(),
                        entry.getValue()[1] / perRun, (double) entry.getValue()[0] / perRun,
                        100.0 * entry.getValue()[0] / kernelMicros));
        // The weight multiplications; attention's own (MatMul, FusedMatMul) are float and not in the count above.
        long matmulMicros = byOperator.entrySet().stream()
                .filter(entry -> INT8_MATMULS.contains(entry.getKey()))
                .mapToLong(entry -> entry.getValue()[0]).sum();
        System.out.printf("%nModel run %.2f ms per question under the profiler (kernels %.2f ms). INT8 weight "
                        + "multiplications: %.1f%% of kernel time, %.0f GMAC/s over %d M multiply-adds per question.%n",
                runMicros / 1e3 / runs, kernelMicros / 1e3 / runs,
                100.0 * matmulMicros / kernelMicros, (double) MATMUL_MACS_PER_TOKEN * tokens / (matmulMicros * 1e3),
                MATMUL_MACS_PER_TOKEN * tokens / runs / 1_000_000);
    }
}

package dev.docent.bench;

import dev.docent.observe.eval.BeirDataset;
import dev.docent.embed.BgeSmallModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./docent bench rag [DOCUMENTS] [QUERIES] [CHUNKS,...]}: Docent and a plain LangChain4j pipeline side by
 * side, in one run, on the same machine, PostgreSQL, corpus (SciFact, repeated with distinct ids up to DOCUMENTS)
 * and model: ingestion end to end beside the model's own throughput on the same texts; /search and /ask latency at
 * several concurrencies and ACL selectivities beside LangChain4j's retriever; recall@10 against exact search; then
 * the search side again with both stores grown to each CHUNKS ({@link Scale}); peak heap and RSS. Prints a Markdown
 * report and appends it to docs/BENCHMARKS.md.
 */
public final class RagBench {

    private static final int WARM_UP_DOCUMENTS = 150;
    /** Requests per latency row and recall queries once the stores are grown: the peer's filtered scans are slow. */
    private static final int SCALED_REQUESTS = 200;
    private static final int SCALED_RECALL_QUERIES = 100;

    private final Settings settings;
    private final StringBuilder report = new StringBuilder();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    record Settings(Path dataset, int documents, int queries, String url, String jdbcUrl, String dbUser,
                    String dbPassword, List<Integer> clients, List<Long> scales, Path serverPidFile, Path record,
                    String command) {
    }

    RagBench(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(
                Path.of(System.getProperty("docent.bench.dataset", "../shared/datasets/scifact")),
                args.length > 0 ? Integer.parseInt(args[0]) : 0,
                args.length > 1 ? Integer.parseInt(args[1]) : 300,
                System.getProperty("docent.bench.url", "http://127.0.0.1:9080"),
                System.getProperty("docent.bench.jdbc-url", "jdbc:postgresql://127.0.0.1:55432/docent"),
                System.getProperty("docent.bench.db-user", "postgres"),
                System.getProperty("docent.bench.db-password", ""),
                Arrays.stream(System.getProperty("docent.bench.clients", "1,4,8,16").split(","))
                        .map(String::strip).map(Integer::valueOf).toList(),
                args.length > 2 && !args[2].isBlank() ? Arrays.stream(args[2].split(",")).map(String::strip)
                        .map(Long::valueOf).toList() : List.of(),
                Path.of(System.getProperty("docent.bench.server-pid-file",
                        ".docent/liberty/wlp/usr/servers/.pid/docent.pid")),
                System.getProperty("docent.bench.record", "docs/BENCHMARKS.md").isBlank() ? null
                        : Path.of(System.getProperty("docent.bench.record", "docs/BENCHMARKS.md")),
                "./docent bench rag " + String.join(" ", args));
        String text = new RagBench(settings).run();
        System.out.println(text);
        if (settings.record() != null) {
            Files.writeString(settings.record(), "\n" + text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.println("(appended to " + settings.record() + ")");
        }
    }

    /** The whole comparison; returns the report (Markdown). */
    String run() throws Exception {
        BeirDataset dataset = BeirDataset.read(settings.dataset(), settings.queries());
        List<BenchDocument> documents = BenchDocument.from(dataset, settings.documents());
        List<String> queries = new ArrayList<>(dataset.queries().values());
        DocentTarget docent = new DocentTarget(settings.url(), run);
        MemoryWatch memory = MemoryWatch.start(settings.url(), settings.serverPidFile());
        // The model as Docent runs it (one intra-op thread per call), for its raw throughput and the query vectors.
        BgeSmallModel model = new BgeSmallModel(Runnable::run, 1);
        header(dataset, documents);
        try (BenchDatabase database = new BenchDatabase(settings.jdbcUrl(), settings.dbUser(),
                settings.dbPassword());
             LangChain4jPipeline peer = new LangChain4jPipeline(settings.jdbcUrl(), settings.dbUser(),
                     settings.dbPassword(), "bench_lc4j_" + run, 8)) {
            Ingestion ingestion = new Ingestion(docent, database, peer, model, report);
            ingestion.warmUp(new DocentTarget(settings.url(), run + "-warm"),
                    documents.subList(0, Math.min(documents.size(), WARM_UP_DOCUMENTS)));
            long collectionId = ingestion.compare(documents);
            Latency latency = new Latency(docent, peer, settings.clients(), queries, report);
            latency.search("Search latency (ms), top 10, cache not involved", Integer.MAX_VALUE);
            latency.ask();
            latency.browse("Lists and routed questions (ms), one client");
            new Recall(docent, database, peer, model, collectionId, queries, report)
                    .compare("Recall@10 against exact search");
            for (long chunks : settings.scales()) {
                grow(docent, peer, collectionId, chunks);
                latency.search(String.format("Search latency (ms) at %,d chunks, top 10", chunks), SCALED_REQUESTS);
                latency.browse(String.format("Lists and routed questions (ms) at %,d chunks, one client", chunks));
                new Recall(docent, database, peer, model, collectionId,
                        queries.subList(0, Math.min(queries.size(), SCALED_RECALL_QUERIES)), report)
                        .compare(String.format("Recall@10 against exact search at %,d chunks", chunks));
            }
            peer.dropTable();
        } finally {
            memory.stop();
        }
        memory.report(report);
        return report.toString();
    }

    /** Both stores grown to about {@code chunks} rows by copying what they ingested ({@link Scale}). */
    private void grow(DocentTarget docent, LangChain4jPipeline peer, long collectionId, long chunks) throws Exception {
        Scale scale = new Scale(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword(), settings.url());
        try {
            Scale.Growth ours = scale.growDocent(docent, collectionId, chunks);
            Scale.Growth theirs = scale.growPeer(peer.table(), chunks);
            long started = System.nanoTime();
            Map<String, Long> groupIndexes = scale.awaitGroupIndexes(docent);
            report.append(String.format("## At %,d chunks%n%nBoth stores grown by copying what they ingested (each "
                    + "copy: same text, a vector mixed from two random ingested ones, ACL groups drawn at 10%% and "
                    + "1%%), no model involved: Docent %,d chunks, copied in %.0f s including its keyword index "
                    + "catching up%s; LangChain4j %,d segments, copied in %.0f s%s. %s%n%n", chunks, ours.rows(),
                    ours.copySeconds(), built(ours), theirs.rows(), theirs.copySeconds(), built(theirs),
                    groupIndexes(groupIndexes, (System.nanoTime() - started) / 1e9)));
        } finally {
            scale.close();
        }
    }

    private static String groupIndexes(Map<String, Long> indexed, double seconds) {
        if (indexed.isEmpty()) {
            return "Docent built no partial index for the run's ACL groups (none within its bounds).";
        }
        StringBuilder groups = new StringBuilder();
        indexed.forEach((group, passages) -> groups.append(groups.isEmpty() ? "" : ", ")
                .append(String.format("%s (%,d passages)", group, passages)));
        return String.format("Docent's partial vector indexes for the run's ACL groups, in place %.0f s after the "
                + "growth (its own background builds, or the bulk load's rebuild): %s.", seconds, groups);
    }

    private static String built(Scale.Growth growth) {
        return growth.indexSeconds() > 0 ? String.format(", its HNSW index dropped first and built afterwards in "
                + "%.0f s", growth.indexSeconds()) : " with its HNSW index in place";
    }

    private void header(BeirDataset dataset, List<BenchDocument> documents) {
        report.append(String.format("## Docent and LangChain4j side by side: %s, %d documents, %s%n%n", dataset.name(),
                documents.size(), LocalDate.now()));
        report.append("Command: `").append(settings.command()).append("` (run ").append(run).append("). Machine: ")
                .append(Machine.describe()).append(".\n\n");
    }

    static String ratio(double ours, double theirs) {
        return theirs > 0 ? String.format("%.2fx", ours / theirs) : "n/a";
    }
}

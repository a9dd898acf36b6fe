package dev.docent.bench;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingestion three ways on the same documents: Docent end to end (upload until every document is ready), the model
 * alone on the texts Docent embedded (two threads, one text per call: this CPU's ceiling), and LangChain4j.
 */
final class Ingestion {

    private static final int LIMIT_SAMPLE = 1000;

    private final DocentTarget docent;
    private final BenchDatabase database;
    private final LangChain4jPipeline peer;
    private final EmbeddingModel model;
    private final StringBuilder report;

    Ingestion(DocentTarget docent, BenchDatabase database, LangChain4jPipeline peer, EmbeddingModel model,
              StringBuilder report) {
        this.docent = docent;
        this.database = database;
        this.peer = peer;
        this.model = model;
        this.report = report;
    }

    /**
     * Docent as a server that has been running: a first batch ingested into a collection of its own, so that the
     * measured run does not pay for the JIT compiling the ingestion path (a fifth of the CPU in a cold server), then
     * deleted.
     */
    void warmUp(DocentTarget warm, List<BenchDocument> documents) throws Exception {
        long started = System.nanoTime();
        long[] state = ingestAll(warm, documents);
        System.out.printf("  warm-up: %d documents ready in %.1f s, %d failed%n", state[0], seconds(started),
                state[1]);
        // Its passages are the corpus's first ones again: left in place, they would be exact duplicates in the
        // vector index and in every search's neighbourhood.
        database.execute("DELETE FROM document WHERE collection_id = " + database.collectionId(warm.collection()));
    }

    /** Runs all three and reports them; returns Docent's collection id. */
    long compare(List<BenchDocument> documents) throws Exception {
        long started = System.nanoTime();
        long[] state = ingestAll(docent, documents);
        double docentSeconds = seconds(started);
        long collectionId = database.collectionId(docent.collection());
        long[] chunksAndTokens = database.chunksAndTokens(collectionId);
        System.out.printf("  Docent: %d documents ready in %.1f s, %d failed%n", state[0], docentSeconds, state[1]);

        double[] limit = modelAlone(database.chunkTexts(collectionId, LIMIT_SAMPLE));
        System.out.printf("  model alone: %.0f tokens/s%n", limit[1]);

        LangChain4jPipeline.IngestResult theirs = peer.ingest(documents);
        double peerSeconds = theirs.splitEmbedStoreSeconds() + theirs.indexSeconds();
        System.out.printf("  LangChain4j: %d documents in %.1f s%n", theirs.documents(), peerSeconds);

        double ourTokensPerSecond = chunksAndTokens[1] / docentSeconds;
        double ourDocsPerSecond = documents.size() / docentSeconds;
        report.append("### Ingestion, end to end (upload or load until searchable)\n\n")
                .append("| pipeline | documents | chunks | tokens | seconds | documents/s | chunks/s | tokens/s |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        row("Docent (REST upload → queue → parse, chunk, embed, write)", documents.size(), chunksAndTokens[0],
                chunksAndTokens[1], docentSeconds);
        report.append(String.format("| the model alone, 2 threads × 1 text per call, on %d of those chunks | | %d | "
                + "%d | %.1f | | %.1f | %.0f |%n", (int) limit[2], (int) limit[2], (long) limit[3], limit[0],
                limit[2] / limit[0], limit[1]));
        row(String.format("LangChain4j 1.11 (recursive 300/30, embedAll, PgVectorEmbeddingStore; HNSW build %.1f s "
                + "included)", theirs.indexSeconds()), theirs.documents(), theirs.segments(), theirs.tokens(),
                peerSeconds);
        report.append(String.format("%nDocent reaches %.0f%% of the model's throughput in real tokens/s, and %s "
                        + "LangChain4j's documents/s (%.1f vs %.1f).%n%n", 100 * ourTokensPerSecond / limit[1],
                RagBench.ratio(ourDocsPerSecond, theirs.documents() / peerSeconds), ourDocsPerSecond,
                theirs.documents() / peerSeconds));
        return collectionId;
    }

    /** Uploads the documents and waits until every one is ready or failed; returns {ready, failed}. */
    private long[] ingestAll(DocentTarget target, List<BenchDocument> documents) throws Exception {
        long started = System.nanoTime();
        target.upload(documents);
        System.out.printf("  %s: %d uploads accepted in %.1f s%n", target.collection(), documents.size(),
                seconds(started));
        long collectionId = database.collectionId(target.collection());
        long lastReport = System.nanoTime();
        long[] state;
        while ((state = database.readyAndFailed(collectionId))[0] + state[1] < documents.size()) {
            if (seconds(lastReport) >= 15) {
                System.out.printf("  %s: %d of %d documents ready after %.0f s%n", target.collection(), state[0],
                        documents.size(), seconds(started));
                lastReport = System.nanoTime();
            }
            Thread.sleep(250);
        }
        return state;
    }

    private void row(String name, long documents, long chunks, long tokens, double seconds) {
        report.append(String.format("| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.0f |%n", name, documents, chunks,
                tokens, seconds, documents / seconds, chunks / seconds, tokens / seconds));
    }

    /** {seconds, tokens/s, texts, tokens}: two threads, each embedding one text per call until none is left. */
    private double[] modelAlone(List<BenchDatabase.TokenizedText> texts) throws Exception {
        for (int i = 0; i < Math.min(20, texts.size()); i++) {
            model.embed(texts.get(i).text()); // warm-up: the first calls pay for JIT and ONNX Runtime's allocations
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        long tokens = texts.stream().mapToLong(BenchDatabase.TokenizedText::tokens).sum();
        long started = System.nanoTime();
        List<Future<?>> workers = List.of(threads.submit(() -> embedAll(texts, next)),
                threads.submit(() -> embedAll(texts, next)));
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = seconds(started);
        threads.shutdown();
        return new double[] {seconds, tokens / seconds, texts.size(), tokens};
    }

    private Void embedAll(List<BenchDatabase.TokenizedText> texts, AtomicInteger next) {
        int i;
        while ((i = next.getAndIncrement()) < texts.size()) {
            model.embed(texts.get(i).text());
        }
        return null;
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

package dev.docent.observe.eval;

import dev.docent.it.Api;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The evaluation harness: puts a BEIR corpus through Docent's real ingestion path (REST upload, JMS, the worker) into
 * its own collection, then runs every judged query through /api/v1/search and scores the rankings.
 */
public final class Evaluation {

    public static final String GROUP = "eval";

    /** Off-topic questions for an intranet: none should be answered from a benchmark corpus. */
    static final List<String> OFF_TOPIC = List.of(
            "How many vacation days do employees get?", "When are production deployments?",
            "What is the wifi password in the Berlin office?", "Who approves travel expenses?",
            "How do I reset my VPN token?", "What time does the cafeteria close?", "What is our policy on remote work?",
            "How do I book a meeting room?", "Which laptop models can I order?", "How much is the parking fee?",
            "Where is the fire exit on the third floor?", "Can I bring my dog to the office?",
            "How do I file a bug in Jira?", "What is the capital of France?", "Who won the football world cup in 2014?",
            "How to cook pasta carbonara?", "What is the stock price of ACME?",
            "What is the deadline for the quarterly report?", "Who is my HR business partner?",
            "How do I order business cards?");

    /** One mode's scores over all queries, and the similarity of relevant and irrelevant results (dense only). */
    public record ModeResult(String mode, int queries, double hitAt1, double hitAt5, double hitAt10, double mrrAt10,
                             double ndcgAt10, double recallAt100, long tookMs, List<Double> relevantScores,
                             List<Double> bestIrrelevantScores, List<Double> offTopicScores) {
    }

    private final Api api;
    private final PrintStream out;

    public Evaluation(Api api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    public static String collectionFor(BeirDataset dataset) {
        return "eval-" + dataset.name().toLowerCase().replaceAll("[^a-z0-9._-]", "-");
    }

    /** Uploads every document (unchanged ones cost nothing) and waits until all are ingested. */
    public void ingest(BeirDataset dataset, String collection, int threads) throws Exception {
        Api.Reply created = api.post("/api/v1/collections", Json.createObjectBuilder().add("name", collection)
                .add("description", "Evaluation corpus " + dataset.name()).build());
        if (created.status() != 201 && created.status() != 409) {
            throw new IllegalStateException("cannot create collection " + collection + ": " + created);
        }
        Instant started = Instant.now();
        // In upload order: the queue ingests in about that order, so the first unfinished job says how far it got.
        List<String> pending = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger unchanged = new AtomicInteger();
        ExecutorService uploads = Executors.newFixedThreadPool(threads);
        List<Future<?>> submitted = new ArrayList<>();
        for (BeirDataset.Doc doc : dataset.corpus()) {
            submitted.add(uploads.submit(() -> {
                Api.Reply reply = api.upload(doc.id() + ".txt", doc.text().getBytes(StandardCharsets.UTF_8), Map.of(
                        "groups", GROUP, "collection", collection, "externalId", doc.id(),
                        "title", doc.title().isBlank() ? doc.id() : truncate(doc.title(), 500)));
                if (reply.status() == 202) {
                    pending.add(reply.json().getString("jobId"));
                } else if (reply.status() == 200) {
                    unchanged.incrementAndGet();
                } else {
                    throw new IllegalStateException("upload of " + doc.id() + " answered " + reply);
                }
                return null;
            }));
        }
        for (Future<?> future : submitted) {
            future.get();
        }
        uploads.shutdown();
        uploads.awaitTermination(1, TimeUnit.MINUTES);
        int queued = pending.size();
        out.printf("%s: %d documents uploaded in %.1f s (%d queued, %d unchanged)%n", dataset.name(),
                dataset.corpus().size(), seconds(started), queued, unchanged.get());
        awaitJobs(pending, started, queued);
    }

    private void awaitJobs(List<String> pending, Instant started, int total) {
        Instant lastReport = Instant.now();
        List<String> failed = new ArrayList<>();
        while (!pending.isEmpty()) {
            for (String jobId : List.copyOf(pending)) {
                JsonObject job = api.get("/api/v1/ingestion-jobs/" + jobId).json();
                String status = job.getString("status");
                if (status.equals("done") || status.equals("failed")) {
                    pending.remove(jobId);
                    if (status.equals("failed")) {
                        failed.add(jobId + ": " + job.getString("error", ""));
                    }
                } else {
                    break;
                }
            }
            if (Duration.between(lastReport, Instant.now()).toSeconds() >= 15) {
                double elapsed = seconds(started);
                out.printf("  ingested %d of %d (%.1f documents/s)%n", total - pending.size(), total,
                        (total - pending.size()) / elapsed);
                lastReport = Instant.now();
            }
            if (!pending.isEmpty()) {
                sleep(500);
            }
        }
        if (total > 0) {
            out.printf("  ingestion done: %d documents in %.1f s (%.1f documents/s)%n", total, seconds(started),
                    total / Math.max(0.001, seconds(started)));
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " documents failed, e.g. " + failed.get(0));
        }
    }

    public ModeResult evaluate(BeirDataset dataset, String collection, String mode) {
        Instant started = Instant.now();
        double hit1 = 0;
        double hit5 = 0;
        double hit10 = 0;
        double mrr = 0;
        double ndcg = 0;
        double recall = 0;
        List<Double> relevantScores = new ArrayList<>();
        List<Double> bestIrrelevant = new ArrayList<>();
        for (Map.Entry<String, String> query : dataset.queries().entrySet()) {
            Map<String, Integer> relevant = dataset.qrels().get(query.getKey());
            JsonArray results = search(query.getValue(), collection, mode);
            List<String> ranked = RetrievalMetrics.distinct(results.stream()
                    .map(r -> r.asJsonObject().getString("externalId")).toList());
            hit1 += RetrievalMetrics.hitRate(ranked, relevant, 1);
            hit5 += RetrievalMetrics.hitRate(ranked, relevant, 5);
            hit10 += RetrievalMetrics.hitRate(ranked, relevant, 10);
            mrr += RetrievalMetrics.reciprocalRank(ranked, relevant, 10);
            ndcg += RetrievalMetrics.ndcg(ranked, relevant, 10);
            recall += RetrievalMetrics.recall(ranked, relevant, 100);
            if (mode.equals("dense")) {
                collectScores(results, relevant, relevantScores, bestIrrelevant);
            }
        }
        List<Double> offTopic = new ArrayList<>();
        if (mode.equals("dense")) {
            for (String question : OFF_TOPIC) {
                JsonArray results = search(question, collection, mode);
                offTopic.add(results.isEmpty() ? 0 : results.getJsonObject(0).getJsonNumber("score").doubleValue());
            }
        }
        int n = dataset.queries().size();
        return new ModeResult(mode, n, hit1 / n, hit5 / n, hit10 / n, mrr / n, ndcg / n, recall / n,
                Duration.between(started, Instant.now()).toMillis(), relevantScores, bestIrrelevant, offTopic);
    }

    private static void collectScores(JsonArray results, Map<String, Integer> relevant, List<Double> relevantScores,
                                      List<Double> bestIrrelevant) {
        Double rel = null;
        Double irr = null;
        for (JsonValue value : results) {
            JsonObject result = value.asJsonObject();
            double score = result.getJsonNumber("score").doubleValue();
            if (relevant.getOrDefault(result.getString("externalId"), 0) > 0) {
                rel = rel == null ? score : Math.max(rel, score);
            } else {
                irr = irr == null ? score : Math.max(irr, score);
            }
        }
        if (rel != null) {
            relevantScores.add(rel);
        }
        if (irr != null) {
            bestIrrelevant.add(irr);
        }
    }

    private JsonArray search(String query, String collection, String mode) {
        Api.Reply reply = api.post("/api/v1/search", Json.createObjectBuilder()
                .add("query", truncate(query, 2000))
                .add("collections", Json.createArrayBuilder().add(collection))
                .add("topK", 100)
                .add("mode", mode).build());
        if (reply.status() != 200) {
            throw new IllegalStateException("search answered " + reply);
        }
        return reply.array("results");
    }

    /** Reports a run to /api/v1/admin/eval-runs, where the console lists it. */
    public void record(BeirDataset dataset, ModeResult result) {
        String details = result.mode().equals("dense")
                ? "relevant p5 " + format(percentile(result.relevantScores(), 0.05))
                + ", off-topic max " + format(percentile(result.offTopicScores(), 1.0))
                : null;
        var run = Json.createObjectBuilder()
                .add("dataset", dataset.name()).add("mode", result.mode()).add("queries", result.queries())
                .add("documents", dataset.corpus().size()).add("hitAt1", result.hitAt1()).add("hitAt5", result.hitAt5())
                .add("hitAt10", result.hitAt10()).add("mrrAt10", result.mrrAt10()).add("ndcgAt10", result.ndcgAt10())
                .add("recallAt100", result.recallAt100()).add("tookMs", result.tookMs());
        if (details != null) {
            run.add("details", details);
        }
        Api.Reply reply = api.post("/api/v1/admin/eval-runs", run.build());
        if (reply.status() != 201) {
            throw new IllegalStateException("recording the run answered " + reply);
        }
    }

    public static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(p * (sorted.size() - 1))));
    }

    static String format(double value) {
        return String.format("%.3f", value);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

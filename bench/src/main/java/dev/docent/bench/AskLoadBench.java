package dev.docent.bench;

import dev.docent.it.TestTokens;
import jakarta.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code ./docent bench load [RATE] [SECONDS] [USERS] [QUERIES_JSONL]}: drives POST /api/v1/ask at a fixed rate
 * (open loop: a request leaves every 1/RATE s whether or not the previous one came back, so a slow server is not
 * flattered), from USERS users in the group the evaluation corpus is filed under, with questions from a BEIR
 * queries file (SciFact by default; the cache is flushed first, so only questions repeated within the run are
 * cache hits). Prints client-side P50/P95/P99 measured
 * from each request's scheduled start, the server's own latencyMs, and counts of 2xx, 429, 5xx and failed requests.
 */
public final class AskLoadBench {

    private AskLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path queries = Path.of(args.length > 3 ? args[3] : "../shared/datasets/scifact/queries.jsonl");
        String url = args.length > 4 ? args[4] : "http://127.0.0.1:9080";

        List<String> questions = questions(queries);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            tokens.add(TestTokens.token("load-" + i, "eval"));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // Every run starts from an empty cache, so that a repeated run measures answering, not remembering.
        http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/admin/cache")).DELETE()
                .header("Authorization", "Bearer " + TestTokens.token("load-admin", "eval", "admin")).build(),
                HttpResponse.BodyHandlers.discarding());
        int total = (int) Math.round(rate * seconds);
        long intervalNanos = (long) (1_000_000_000L / rate);
        List<Double> client = Collections.synchronizedList(new ArrayList<>());
        List<Double> server = Collections.synchronizedList(new ArrayList<>());
        ConcurrentHashMap<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        CountDownLatch finished = new CountDownLatch(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String body = Json.createObjectBuilder().add("question", questions.get(i % questions.size())).build()
                    .toString();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/ask"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                client.add((System.nanoTime() - scheduled) / 1e6);
                String outcome = failure != null ? "failed" : response.statusCode() == 429 ? "429"
                        : response.statusCode() >= 500 ? "5xx" : response.statusCode() >= 400 ? "4xx" : "2xx";
                outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                if (failure == null && response.statusCode() == 200) {
                    server.add(Json.createReader(new java.io.StringReader(response.body())).readObject()
                            .getJsonNumber("latencyMs").doubleValue());
                }
                finished.countDown();
            });
        }
        finished.await();
        double elapsed = (System.nanoTime() - start) / 1e9;

        System.out.printf("%n/ask at %.1f requests/s for %d s (%d sent in %.1f s), %d users, %s, %s%n", rate, seconds,
                total, elapsed, users, queries.getFileName(), LocalDate.now());
        System.out.println("| latency (ms) | n | P50 | P95 | P99 | max |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        System.out.println(Percentiles.of(client).row("client, from scheduled start"));
        if (!server.isEmpty()) {
            System.out.println(Percentiles.of(server).row("server (latencyMs)"));
        }
        System.out.printf("outcomes: 2xx %d, 429 %d, 4xx %d, 5xx %d, failed %d%n", count(outcomes, "2xx"),
                count(outcomes, "429"), count(outcomes, "4xx"), count(outcomes, "5xx"), count(outcomes, "failed"));
    }

    private static long count(ConcurrentHashMap<String, AtomicLong> outcomes, String key) {
        AtomicLong value = outcomes.get(key);
        return value == null ? 0 : value.get();
    }

    private static List<String> questions(Path queries) throws IOException {
        try (Stream<String> lines = Files.lines(queries)) {
            List<String> texts = lines.filter(line -> !line.isBlank())
                    .map(line -> Json.createReader(new java.io.StringReader(line)).readObject().getString("text"))
                    .toList();
            if (texts.isEmpty()) {
                throw new IllegalArgumentException("no queries in " + queries);
            }
            return texts;
        }
    }
}

package dev.docent.bench;

import dev.docent.it.Api;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./docent bench cache [REQUESTS] [URL] [PAUSE_MS]}: how fast a cached answer comes back. Asks a question once
 * (a miss that fills the cache), warms up, then asks the same question REQUESTS times, one client, PAUSE_MS apart
 * (default 20: a steady trickle, so that one answer's background bookkeeping is not measured as the next one's
 * latency; 0 asks back to back), and a paraphrase REQUESTS times, each time on an emptied cache refilled by the
 * question (a paraphrase is a semantic hit once: served, it gets an exact entry of its own). Prints the server-side
 * latency (Server-Timing: the whole request inside Liberty, guardrails and JSON included, to a hundredth of a
 * millisecond) and the client-side round trip, P50/P95/P99, beside the uncached answer's.
 */
public final class CacheHitBench {

    private CacheHitBench() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        String url = args.length > 1 ? args[1] : "http://127.0.0.1:9080";
        long pauseMs = args.length > 2 ? Long.parseLong(args[2]) : 20;
        String group = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        // An admin's rate limit (6,000 a minute) leaves room for the benchmark's pace.
        Api api = new Api(url, TestTokens.token("bench-" + group, group, "admin"));
        String handbook = """
                # Engineering handbook

                ## On-call

                The on-call engineer answers pages within 15 minutes and escalates to the team lead after 30 minutes.

                ## Deployments

                Production deployments happen on Tuesdays and Thursdays and need two approvals.
                """;
        Api.Reply upload = api.upload("handbook.md", handbook.getBytes(StandardCharsets.UTF_8), Map.of("groups", group));
        String jobId = upload.json().getString("jobId");
        while (!api.get("/api/v1/ingestion-jobs/" + jobId).json().getString("status").equals("done")) {
            Thread.sleep(200);
        }
        String question = "How quickly must the on-call engineer answer a page?";
        String paraphrase = "How fast does the on-call engineer have to answer pages?";

        List<Double> missServer = new ArrayList<>();
        List<Double> missClient = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ask(api, "Variant " + i + ": when do production deployments happen?", missServer, missClient, false);
        }
        ask(api, question, new ArrayList<>(), new ArrayList<>(), false);
        // The JIT compiles the hit paths during the first few hundred requests; those are not the steady state.
        for (int i = 0; i < 300; i++) {
            ask(api, question, new ArrayList<>(), new ArrayList<>(), true);
        }
        for (int i = 0; i < 100; i++) {
            paraphraseOnce(api, question, paraphrase, new ArrayList<>(), new ArrayList<>(), pauseMs);
        }
        List<Double> exactServer = new ArrayList<>();
        List<Double> exactClient = new ArrayList<>();
        List<Double> semanticServer = new ArrayList<>();
        List<Double> semanticClient = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            ask(api, question, exactServer, exactClient, true);
            Thread.sleep(pauseMs);
        }
        for (int i = 0; i < requests; i++) {
            paraphraseOnce(api, question, paraphrase, semanticServer, semanticClient, pauseMs);
        }
        System.out.printf("%nCache hit latency, %s, %d requests each, 1 client, %d ms apart (ms)%n", LocalDate.now(),
                requests, pauseMs);
        System.out.println("| path | n | P50 | P95 | P99 | max |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        System.out.println(Percentiles.of(exactServer).row("exact hit, server"));
        System.out.println(Percentiles.of(semanticServer).row("semantic hit, server"));
        System.out.println(Percentiles.of(missServer).row("miss (retrieve + answer), server"));
        System.out.println(Percentiles.of(exactClient).row("exact hit, client round trip"));
        System.out.println(Percentiles.of(semanticClient).row("semantic hit, client round trip"));
        System.out.println(Percentiles.of(missClient).row("miss, client round trip"));
    }

    /** The paraphrase asked for the first time: the cache emptied, refilled by the question (a miss), then it. */
    private static void paraphraseOnce(Api api, String question, String paraphrase, List<Double> server,
                                       List<Double> client, long pauseMs) throws InterruptedException {
        if (api.delete("/api/v1/admin/cache").status() != 200) {
            throw new IllegalStateException("could not empty the cache");
        }
        ask(api, question, new ArrayList<>(), new ArrayList<>(), false);
        // A miss leaves more bookkeeping behind than a hit (query log, sometimes a quality judgement).
        Thread.sleep(Math.max(pauseMs, 100));
        ask(api, paraphrase, server, client, true);
        Thread.sleep(pauseMs);
    }

    private static void ask(Api api, String question, List<Double> server, List<Double> client, boolean expectHit) {
        long started = System.nanoTime();
        Api.Reply reply = api.post("/api/v1/ask", Json.createObjectBuilder().add("question", question).build());
        double elapsed = (System.nanoTime() - started) / 1e6;
        JsonObject answer = reply.json();
        if (answer.getBoolean("cached") != expectHit) {
            throw new IllegalStateException("expected cached=" + expectHit + " for: " + question + " -> " + answer);
        }
        server.add(DocentTarget.serverMillis(reply));
        client.add(elapsed);
    }
}

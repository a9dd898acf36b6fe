package dev.docent.bench;

import dev.docent.bench.DocentTarget.Selectivity;
import dev.docent.it.Api;
import java.time.Duration;
import java.util.List;

/**
 * Query latency at each concurrency and ACL selectivity: Docent's /api/v1/search (hybrid, its default, and dense)
 * and /api/v1/ask (extractive; cache flushed, then the same questions again once the machine is idle, so that the
 * cold run's background work, such as judging a sample of its answers, is not timed with the hits), beside
 * LangChain4j's retriever (embed the query, search the store) on the same queries. Server-side is Docent's
 * Server-Timing; client-side is the HTTP round trip (for LangChain4j, the call itself: it runs in this process).
 */
final class Latency {

    private static final String HEADER = "| system | ACL | clients | client P50 | P95 | P99 | server P50 | P95 | P99 "
            + "| queries/s | failed |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";

    private final DocentTarget docent;
    private final LangChain4jPipeline peer;
    private final List<Integer> clients;
    private final List<String> queries;
    private final StringBuilder report;

    Latency(DocentTarget docent, LangChain4jPipeline peer, List<Integer> clients, List<String> queries,
            StringBuilder report) {
        this.docent = docent;
        this.peer = peer;
        this.clients = clients;
        this.queries = queries;
        this.report = report;
    }

    /** {@code maxRequests}: a cap per row, for store sizes where the peer's filtered searches take seconds. */
    void search(String title, int maxRequests) throws Exception {
        warmUp();
        report.append("### ").append(title).append("\n\n").append(HEADER);
        for (Selectivity selectivity : Selectivity.values()) {
            Api caller = docent.caller(selectivity);
            for (String mode : List.of("hybrid", "dense")) {
                for (int n : clients) {
                    row("Docent /search " + mode, selectivity, ClosedLoop.run(n, queries, requests(n, maxRequests),
                            query -> docent.search(caller, query, mode, 10, null)));
                }
            }
            for (int n : clients) {
                row("LangChain4j retriever", selectivity, ClosedLoop.run(n, queries, requests(n, maxRequests),
                        query -> {
                            peer.search(query, 10, selectivity.peerKey);
                            return Double.NaN;
                        }));
            }
        }
        // For reference: the peer with no filter at all, the only case in which its store walks the HNSW index.
        for (int n : clients) {
            row("LangChain4j retriever, no filter", Selectivity.ALL, ClosedLoop.run(n, queries,
                    requests(n, maxRequests), query -> {
                        peer.search(query, 10, null);
                        return Double.NaN;
                    }));
        }
        report.append('\n');
    }

    void ask() throws Exception {
        Api caller = docent.caller(Selectivity.ALL);
        report.append("### /api/v1/ask latency (ms), extractive answers\n\n").append(HEADER);
        // The search rows ran first, but the answer path and the cache's hit path have not run in this server
        // yet: a few rounds of both so that the first rows do not time the JIT compiling them.
        List<String> warmUp = queries.subList(0, Math.min(20, queries.size()));
        docent.flushCache();
        for (int round = 0; round < 3; round++) {
            ClosedLoop.run(1, warmUp, warmUp.size(), question -> docent.ask(caller, question));
        }
        for (int n : List.of(1, 4)) {
            docent.flushCache();
            row("Docent /ask, cache cold (every question new)", Selectivity.ALL,
                    ClosedLoop.run(n, queries, queries.size(), question -> docent.ask(caller, question)));
            double waited = Machine.waitForIdleCpu(0.1, Duration.ofSeconds(30));
            System.out.printf("  (waited %.0f s for the cold run's background work to finish)%n", waited);
            row("Docent /ask, the same questions again (cache hits)", Selectivity.ALL,
                    ClosedLoop.run(n, queries, queries.size(), question -> docent.ask(caller, question)));
        }
        report.append('\n');
    }

    /**
     * The requests whose cost grows with the number of documents rather than passages, one client, per ACL
     * selectivity: the collection list with each collection's readable documents counted, the newest documents,
     * and a question that names no collection (the router chooses among those the caller can read; cache emptied).
     */
    void browse(String title) throws Exception {
        report.append("### ").append(title).append("\n\n").append(HEADER);
        int requests = Math.min(30, queries.size());
        for (Selectivity selectivity : Selectivity.values()) {
            Api caller = docent.caller(selectivity);
            row("Docent GET /collections", selectivity, ClosedLoop.run(1, queries, requests,
                    query -> docent.get(caller, "/api/v1/collections")));
            row("Docent GET /documents, newest 20", selectivity, ClosedLoop.run(1, queries, requests,
                    query -> docent.get(caller, "/api/v1/documents?limit=20")));
            docent.flushCache();
            row("Docent /ask naming no collection", selectivity, ClosedLoop.run(1, queries, requests,
                    question -> docent.askAnywhere(caller, question)));
        }
        report.append('\n');
    }

    private void warmUp() throws Exception {
        Api caller = docent.caller(Selectivity.ALL);
        ClosedLoop.run(2, queries, Math.min(100, queries.size()), query -> docent.search(caller, query, "hybrid", 10,
                null));
        ClosedLoop.run(2, queries, Math.min(100, queries.size()), query -> {
            peer.search(query, 10, null);
            return Double.NaN;
        });
    }

    private int requests(int clients, int maxRequests) {
        return Math.min(maxRequests, Math.max(queries.size(), clients * 25));
    }

    private void row(String system, Selectivity selectivity, ClosedLoop.Result result) {
        String server = result.server() == null ? "| | | " : String.format("| %.1f | %.1f | %.1f ",
                result.server().p50(), result.server().p95(), result.server().p99());
        report.append(String.format("| %s | %s | %d | %.1f | %.1f | %.1f %s| %.0f | %d |%n", system,
                selectivity.label, result.clients(), result.client().p50(), result.client().p95(),
                result.client().p99(), server, result.perSecond(), result.failures()));
        System.out.printf("  %s, %s, %d clients: client P95 %.1f ms, %.0f/s%n", system, selectivity.label,
                result.clients(), result.client().p95(), result.perSecond());
    }
}

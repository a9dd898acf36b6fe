package dev.docent.bench;

import dev.docent.bench.DocentTarget.Selectivity;
import dev.docent.it.Api;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recall@10 against exact search at each ACL selectivity, with each system's own plan: for Docent what
 * /api/v1/search (dense) serves the caller, whichever plan it chose (iterative HNSW scan under the ACL filter, or
 * an exact scan of a small permitted set), and LangChain4j's store search with its metadata filter (the same
 * ef_search, no iterative scan). Also how many of the 10 asked-for rows came back.
 */
final class Recall {

    private static final int K = 10;

    private final DocentTarget docent;
    private final BenchDatabase database;
    private final LangChain4jPipeline peer;
    private final EmbeddingModel model;
    private final long collectionId;
    private final List<String> queries;
    private final StringBuilder report;

    Recall(DocentTarget docent, BenchDatabase database, LangChain4jPipeline peer, EmbeddingModel model,
           long collectionId, List<String> queries, StringBuilder report) {
        this.docent = docent;
        this.database = database;
        this.peer = peer;
        this.model = model;
        this.collectionId = collectionId;
        this.queries = queries;
        this.report = report;
    }

    void compare(String title) throws Exception {
        report.append("### ").append(title).append("\n\n")
                .append("| system | ACL | recall@10 | rows returned of 10 (mean) | queries |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (Selectivity selectivity : Selectivity.values()) {
            String groups = "{" + docent.group(selectivity) + "}";
            Api caller = docent.caller(selectivity);
            double ours = 0;
            double theirs = 0;
            long ourRows = 0;
            long theirRows = 0;
            for (String query : queries) {
                float[] vector = model.embed(LangChain4jPipeline.QUERY_INSTRUCTION + query).content().vector();
                List<Long> index = new ArrayList<>();
                docent.search(caller, query, "dense", K, index);
                List<Long> exact = database.exactNearest(collectionId, groups, vector, K);
                ours += overlap(index, exact);
                ourRows += index.size();
                List<String> found = peer.searchEmbeddingIds(query, K, selectivity.peerKey);
                List<String> truth = peer.exactEmbeddingIds(vector, K, selectivity.peerKey);
                theirs += overlap(found, truth);
                theirRows += found.size();
            }
            int n = queries.size();
            report.append(String.format("| Docent | %s | %.3f | %.1f | %d |%n", selectivity.label, ours / n,
                    (double) ourRows / n, n));
            report.append(String.format("| LangChain4j | %s | %.3f | %.1f | %d |%n", selectivity.label, theirs / n,
                    (double) theirRows / n, n));
        }
        report.append('\n');
    }

    private static <T> double overlap(List<T> found, List<T> exact) {
        if (exact.isEmpty()) {
            return 1.0;
        }
        Set<T> truth = new HashSet<>(exact);
        return found.stream().filter(truth::contains).distinct().count() / (double) truth.size();
    }
}

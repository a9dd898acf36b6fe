package dev.docent.search;

import dev.docent.search.keyword.Bm25Retriever;
import dev.docent.store.DatabaseStatus;
import dev.docent.store.DatabaseUnavailableException;
import dev.docent.web.ApiException;
import dev.docent.web.ApiExceptions;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Retrieval in a given mode: dense, BM25, or both fused by reciprocal rank fusion. Several collections are searched
 * in parallel on the container's executor, one retrieval each, and their results merged by score. When PostgreSQL
 * is out of reach, or its part of the search fails or times out, the answer comes from this node's keyword index
 * alone, marked degraded, rather than not at all.
 */
@ApplicationScoped
public class RetrievalService implements HybridRetriever {


    private static final Logger LOG = Logger.getLogger(RetrievalService.class.getName());

    private final DenseRetriever dense;
    private final Bm25Retriever keyword;
    private final DatabaseStatus database;
    private final int rrfK;
    private final int fusionCandidates;
    private final long timeoutSeconds;

    @Resource(lookup = "concurrent/docentRetrievalExecutor")
    private ManagedExecutorService executor;

    @Inject
    public RetrievalService(DenseRetriever dense, Bm25Retriever keyword, DatabaseStatus database,
                            @ConfigProperty(name = "docent.search.rrf-k", defaultValue = "60") int rrfK,
                            @ConfigProperty(name = "docent.search.fusion-candidates", defaultValue = "50")
                            int fusionCandidates,
                            @ConfigProperty(name = "docent.search.timeout-seconds", defaultValue = "30")
                            long timeoutSeconds) {
        this.dense = dense;
        this.keyword = keyword;
        this.database = database;
        this.rrfK = rrfK;
        this.fusionCandidates = fusionCandidates;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** For CDI's client proxy only. */
    protected RetrievalService() {
        this(null, null, null, 60, 50, 30);
    }

    @Override
    public Retrieval retrieve(RetrievalQuery query, SearchMode mode) {
        if (!database.reachable()) {
            return degraded(query);
        }
        try {
            return new Retrieval(inAllScopes(query, mode), false);
        } catch (DatabaseUnavailableException e) {
            LOG.log(Level.FINE, "retrieval degraded to the keyword index", e);
            return degraded(query);
        }
    }

    /** One keyword search over every requested collection: one index, so the BM25 scores compare. */
    private Retrieval degraded(RetrievalQuery query) {
        RetrievalQuery wide = new RetrievalQuery(query.text(), query.vector(), query.caller(), query.collectionIds(),
                Math.max(query.topK(), fusionCandidates));
        // Reranked by similarity to the question: closer to what the dense and hybrid modes would have returned.
        List<RetrievedChunk> ranked = keyword.retrieveFromIndexAlone(wide).stream()
                .map(c -> c.hasSimilarity() ? c.withScore(c.similarity()) : c.withScore(-1))
                .sorted(Comparator.comparingDouble(RetrievedChunk::score).reversed()
                        .thenComparingLong(RetrievedChunk::chunkId))
                .limit(query.topK())
                .toList();
        return new Retrieval(ranked, true);
    }

    private List<RetrievedChunk> inAllScopes(RetrievalQuery query, SearchMode mode) {
        if (query.collectionIds().size() <= 1) {
            return inOneScope(query, mode);
        }
        List<Callable<List<RetrievedChunk>>> perCollection = new ArrayList<>();
        for (Long collection : query.collectionIds()) {
            RetrievalQuery one = new RetrievalQuery(query.text(), query.vector(), query.caller(), List.of(collection),
                    query.topK());
            perCollection.add(() -> inOneScope(one, mode));
        }
        // Each collection's list is scored the same way (cosine, BM25 over one index, or fused ranks with the same
        // k), so the lists merge by score.
        return parallel(perCollection).stream().flatMap(List::stream)
                .sorted(Comparator.comparingDouble(RetrievedChunk::score).reversed()
                        .thenComparingLong(RetrievedChunk::chunkId))
                .limit(query.topK())
                .toList();
    }

    private List<RetrievedChunk> inOneScope(RetrievalQuery query, SearchMode mode) {
        return switch (mode) {
            case DENSE -> dense.retrieve(query);
            case BM25 -> keyword.retrieve(query);
            case HYBRID -> {
                RetrievalQuery wide = new RetrievalQuery(query.text(), query.vector(), query.caller(),
                        query.collectionIds(), Math.max(query.topK(), fusionCandidates));
                yield ReciprocalRankFusion.fuse(parallel(List.of(
                        () -> dense.retrieve(wide), () -> keyword.retrieve(wide))), rrfK, query.topK());
            }
        };
    }

    /**
     * Runs the first task on this thread and the others on the retrieval pool. A task the pool has not started by
     * the time this thread gets to it runs here instead: the pool's threads come from the server's shared pool,
     * which grows only every second or so, and request threads all blocked on work queued behind them used to stall
     * hybrid searches for seconds at 8 and 16 concurrent callers.
     */
    private List<List<RetrievedChunk>> parallel(List<Callable<List<RetrievedChunk>>> tasks) {
        List<FutureTask<List<RetrievedChunk>>> futures = new ArrayList<>();
        try {
            for (Callable<List<RetrievedChunk>> task : tasks.subList(1, tasks.size())) {
                FutureTask<List<RetrievedChunk>> future = new FutureTask<>(task);
                futures.add(future);
                try {
                    executor.execute(future);
                } catch (RejectedExecutionException e) {
                    LOG.fine("retrieval pool full; the task runs on the request thread");
                }
            }
            List<List<RetrievedChunk>> results = new ArrayList<>();
            results.add(tasks.get(0).call());
            for (FutureTask<List<RetrievedChunk>> future : futures) {
                future.run(); // does nothing if a pool thread has started it (or finished it)
                results.add(future.get(timeoutSeconds, TimeUnit.SECONDS));
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Retrieval was interrupted.");
        } catch (TimeoutException e) {
            throw ApiException.unavailable("Docent is too busy to search right now; try again shortly.");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (Exception e) {
            throw rethrow(e);
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        ApiException api = ApiExceptions.findCause(cause);
        if (api != null) {
            return api;
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
}

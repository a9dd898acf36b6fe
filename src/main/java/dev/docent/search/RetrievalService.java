package dev.docent.search;

import dev.docent.search.keyword.Bm25Retriever;
import dev.docent.web.ApiException;
import dev.docent.web.ApiExceptions;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Retrieval in a given mode: dense, BM25, or both fused by reciprocal rank fusion. Several collections are searched
 * in parallel on the container's executor, one retrieval each, and their rankings fused the same way.
 */
@ApplicationScoped
public class RetrievalService {

    public static final int MAX_TOP_K = 100;

    private final DenseRetriever dense;
    private final Bm25Retriever keyword;
    private final int rrfK;
    private final int fusionCandidates;

    @Resource(lookup = "concurrent/docentExecutor")
    private ManagedExecutorService executor;

    @Inject
    public RetrievalService(DenseRetriever dense, Bm25Retriever keyword,
                            @ConfigProperty(name = "docent.search.rrf-k", defaultValue = "60") int rrfK,
                            @ConfigProperty(name = "docent.search.fusion-candidates", defaultValue = "50")
                            int fusionCandidates) {
        this.dense = dense;
        this.keyword = keyword;
        this.rrfK = rrfK;
        this.fusionCandidates = fusionCandidates;
    }

    /** For CDI's client proxy only. */
    protected RetrievalService() {
        this(null, null, 60, 50);
    }

    public List<RetrievedChunk> retrieve(RetrievalQuery query, SearchMode mode) {
        if (query.collectionIds().size() <= 1) {
            return inOneScope(query, mode);
        }
        List<Callable<List<RetrievedChunk>>> perCollection = new ArrayList<>();
        for (Long collection : query.collectionIds()) {
            RetrievalQuery one = new RetrievalQuery(query.text(), query.vector(), query.caller(), List.of(collection),
                    query.topK());
            perCollection.add(() -> inOneScope(one, mode));
        }
        return ReciprocalRankFusion.fuse(parallel(perCollection), rrfK, query.topK());
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

    private List<List<RetrievedChunk>> parallel(List<Callable<List<RetrievedChunk>>> tasks) {
        List<Future<List<RetrievedChunk>>> futures = new ArrayList<>();
        for (Callable<List<RetrievedChunk>> task : tasks.subList(1, tasks.size())) {
            futures.add(executor.submit(task));
        }
        List<List<RetrievedChunk>> results = new ArrayList<>();
        try {
            // The first runs on this thread: one fewer hand-off, and no deadlock if the executor is saturated.
            results.add(tasks.get(0).call());
            for (Future<List<RetrievedChunk>> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Retrieval was interrupted.");
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

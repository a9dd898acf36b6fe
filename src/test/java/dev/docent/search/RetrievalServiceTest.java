package dev.docent.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.docent.search.keyword.Bm25Retriever;
import dev.docent.security.Caller;
import dev.docent.store.DatabaseStatus;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hybrid search's two legs, when the pool that should run the second one has no thread for it. */
class RetrievalServiceTest {

    private static final RetrievalQuery QUERY = new RetrievalQuery("vpn setup", new float[] {1, 0},
            Caller.of("ann", Set.of("staff")), List.of(1L), 5);

    private final DenseRetriever dense = mock(DenseRetriever.class);
    private final Bm25Retriever keyword = mock(Bm25Retriever.class);
    private final DatabaseStatus database = mock(DatabaseStatus.class);
    private final ManagedExecutorService pool = mock(ManagedExecutorService.class);
    private final List<Runnable> queued = new ArrayList<>();
    private final RetrievalService service = new RetrievalService(dense, keyword, database, 60, 50, 30);

    @BeforeEach
    void setUp() throws ReflectiveOperationException {
        when(database.reachable()).thenReturn(true);
        when(dense.retrieve(any())).thenReturn(List.of(chunk(1, 0.9), chunk(2, 0.8)));
        when(keyword.retrieve(any())).thenReturn(List.of(chunk(3, 7.5), chunk(1, 6.0)));
        Field executor = RetrievalService.class.getDeclaredField("executor");
        executor.setAccessible(true);
        executor.set(service, pool);
    }

    @Test
    void aLegNoPoolThreadHasStartedRunsOnTheRequestThread() {
        doAnswer(call -> queued.add(call.getArgument(0))).when(pool).execute(any());

        Retrieval found = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> service.retrieve(QUERY, SearchMode.HYBRID));

        assertThat(found.chunks()).extracting(RetrievedChunk::chunkId).containsExactly(1L, 3L, 2L);
        verify(keyword, times(1)).retrieve(any());
        // When a pool thread gets to the task at last, it finds it done and does nothing.
        queued.forEach(Runnable::run);
        verify(keyword, times(1)).retrieve(any());
    }

    @Test
    void aLegThePoolRanIsNotRunAgain() {
        doAnswer(call -> {
            ((Runnable) call.getArgument(0)).run();
            return null;
        }).when(pool).execute(any());

        Retrieval found = service.retrieve(QUERY, SearchMode.HYBRID);

        assertThat(found.chunks()).extracting(RetrievedChunk::chunkId).containsExactly(1L, 3L, 2L);
        verify(keyword, times(1)).retrieve(any());
    }

    @Test
    void aFullPoolIsNoReasonToFail() {
        doAnswer(call -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        }).when(pool).execute(any());

        Retrieval found = service.retrieve(QUERY, SearchMode.HYBRID);

        assertThat(found.degraded()).isFalse();
        assertThat(found.chunks()).extracting(RetrievedChunk::chunkId).containsExactly(1L, 3L, 2L);
    }

    private static RetrievedChunk chunk(long id, double score) {
        return new RetrievedChunk(id, UUID.nameUUIDFromBytes(new byte[] {(byte) id}), "doc-" + id, "Title " + id,
                null, "text " + id, score, Double.NaN);
    }
}

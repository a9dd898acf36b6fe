package dev.docent.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.search.AclStatistics.Reach;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the dense retriever sizes its plan by what the caller may read (the SQL itself: SelectiveFilterIT). */
class DenseRetrieverTest {

    private final DenseRetriever retriever = new DenseRetriever(null, null, null, 3000, 100, 300, 20000, 5000);

    @Test
    void aWholePermissionOrAnUnknownOneWalksWithTheConfiguredCandidates() {
        assertThat(retriever.efSearch(Optional.of(new Reach(100_000, 100_000)), 10)).isEqualTo(100);
        assertThat(retriever.efSearch(Optional.empty(), 10)).isEqualTo(100);
    }

    @Test
    void theCandidatesGrowAsThePermissionNarrowsUpToTheMaximum() {
        assertThat(retriever.efSearch(Optional.of(new Reach(25_000, 100_000)), 10)).isEqualTo(200);
        assertThat(retriever.efSearch(Optional.of(new Reach(50_000, 100_000)), 10)).isEqualTo(142);
        assertThat(retriever.efSearch(Optional.of(new Reach(10_000, 100_000)), 10)).isEqualTo(300);
        assertThat(retriever.efSearch(Optional.of(new Reach(10, 100_000)), 10)).isEqualTo(300);
    }

    @Test
    void neverFewerCandidatesThanRowsAskedFor() {
        assertThat(retriever.efSearch(Optional.of(new Reach(100_000, 100_000)), 150)).isEqualTo(150);
    }

    @Test
    void aNarrowPermissionIsSearchedExactlyAndAnUnknownOneIsNot() {
        assertThat(retriever.exact(Optional.of(new Reach(3000, 100_000)))).isTrue();
        assertThat(retriever.exact(Optional.of(new Reach(3001, 100_000)))).isFalse();
        assertThat(retriever.exact(Optional.empty())).isFalse();
    }
}

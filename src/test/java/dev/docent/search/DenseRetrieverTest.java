package dev.docent.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.search.AclStatistics.Reach;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the dense retriever sizes its plan by what the caller may read (the SQL itself: SelectiveFilterIT). */
class DenseRetrieverTest {

    private final DenseRetriever retriever = new DenseRetriever(null, null, null, 3000, 15, 100, 300, 20000, 5000);

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
        assertThat(retriever.exact(Optional.of(new Reach(3000, 3000)), 10)).isTrue();
        assertThat(retriever.exact(Optional.of(new Reach(100_000, 100_000)), 10)).isFalse();
        assertThat(retriever.exact(Optional.empty(), 10)).isFalse();
    }

    @Test
    void aPermissionSoNarrowThatTheWalkWouldBeLongerIsSearchedExactly() {
        // 1% of 1M: a walk for 10 rows meets ~1,000 candidates (15,000 rows' worth), more than the 10,022 to read.
        assertThat(retriever.exact(Optional.of(new Reach(10_022, 1_002_848)), 10)).isTrue();
        assertThat(retriever.exact(Optional.of(new Reach(10_022, 1_002_848)), 50)).isTrue();
        // 10% of 100k: a walk of 300 candidates for 10 rows (4,500 rows' worth), of 500 for 50 (7,500): walk.
        assertThat(retriever.exact(Optional.of(new Reach(10_256, 102_564)), 10)).isFalse();
        assertThat(retriever.exact(Optional.of(new Reach(10_256, 102_564)), 50)).isFalse();
        // 10% of 1M: walk.
        assertThat(retriever.exact(Optional.of(new Reach(100_285, 1_002_848)), 50)).isFalse();
    }
}

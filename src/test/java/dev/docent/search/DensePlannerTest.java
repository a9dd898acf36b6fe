package dev.docent.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.search.AclStatistics.GroupReach;
import dev.docent.search.AclStatistics.Reach;
import dev.docent.search.DensePlanner.Kind;
import dev.docent.search.DensePlanner.Plan;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the dense retriever chooses its plan by what the caller may read (the SQL itself: SelectiveFilterIT). */
class DensePlannerTest {

    private final DensePlanner planner = new DensePlanner(3000, 15, 100, 300, () -> 200);

    private Plan plan(Reach reach, int topK) {
        return planner.plan(Optional.of(reach), topK, Set.of());
    }

    @Test
    void aWholePermissionOrAnUnknownOneWalksWithTheConfiguredCandidates() {
        assertThat(plan(new Reach(100_000, 100_000), 10)).isEqualTo(new Plan(Kind.HNSW, 100, List.of(), List.of()));
        assertThat(planner.plan(Optional.empty(), 10, Set.of("g")).kind()).isEqualTo(Kind.HNSW);
        assertThat(planner.plan(Optional.empty(), 10, Set.of()).efSearch()).isEqualTo(100);
    }

    @Test
    void theCandidatesGrowAsThePermissionNarrowsUpToTheMaximum() {
        assertThat(planner.efSearch(0.25, 10)).isEqualTo(200);
        assertThat(planner.efSearch(0.5, 10)).isEqualTo(142);
        assertThat(planner.efSearch(0.1, 10)).isEqualTo(300);
        assertThat(plan(new Reach(10_000, 100_000), 10).efSearch()).isEqualTo(300);
    }

    @Test
    void neverFewerCandidatesThanRowsAskedFor() {
        assertThat(plan(new Reach(100_000, 100_000), 150).efSearch()).isEqualTo(150);
    }

    @Test
    void aNarrowPermissionIsSearchedExactly() {
        assertThat(plan(new Reach(3000, 3000), 10).kind()).isEqualTo(Kind.EXACT);
        assertThat(plan(new Reach(100_000, 100_000), 10).kind()).isEqualTo(Kind.HNSW);
    }

    @Test
    void aPermissionSoNarrowThatTheWalkWouldBeLongerIsSearchedExactly() {
        // 1% of 1M: a walk for 10 rows meets ~1,000 candidates (15,000 rows' worth), more than the 10,022 to read.
        assertThat(plan(new Reach(10_022, 1_002_848), 10).kind()).isEqualTo(Kind.EXACT);
        assertThat(plan(new Reach(10_022, 1_002_848), 50).kind()).isEqualTo(Kind.EXACT);
        // 10% of 100k: a walk of 300 candidates for 10 rows (4,500 rows' worth), of 500 for 50 (7,500): walk.
        assertThat(plan(new Reach(10_256, 102_564), 10).kind()).isEqualTo(Kind.HNSW);
        assertThat(plan(new Reach(10_256, 102_564), 50).kind()).isEqualTo(Kind.HNSW);
        // 10% of 1M: walk.
        assertThat(plan(new Reach(100_285, 1_002_848), 50).kind()).isEqualTo(Kind.HNSW);
    }

    @Test
    void aGroupWithAnIndexOfItsOwnIsWalkedThereWithTheGroupCandidates() {
        // 10% and 1% of 1M, each group indexed: a walk of 200 candidates in a graph where every node is permitted
        // (3,000 rows' worth) beats both the whole-store walk and the exact scan.
        Reach tenPercent = new Reach(100_285, 1_002_848, List.of(new GroupReach("g10", 100_285, 100_285)));
        assertThat(planner.plan(Optional.of(tenPercent), 10, Set.of("g10")))
                .isEqualTo(new Plan(Kind.GROUP_INDEX, 200, List.of("g10"), List.of()));
        Reach onePercent = new Reach(10_022, 1_002_848, List.of(new GroupReach("g1", 10_022, 10_022)));
        assertThat(planner.plan(Optional.of(onePercent), 10, Set.of("g1")).kind()).isEqualTo(Kind.GROUP_INDEX);
        // Without the index: as before.
        assertThat(planner.plan(Optional.of(onePercent), 10, Set.of()).kind()).isEqualTo(Kind.EXACT);
    }

    @Test
    void theCallersOtherGroupsAreReadExactlyBesideTheIndexedOnes() {
        Reach reach = new Reach(10_100, 1_000_000, List.of(new GroupReach("big", 10_000, 10_000),
                new GroupReach("small", 100, 100)));
        assertThat(planner.plan(Optional.of(reach), 10, Set.of("big")))
                .isEqualTo(new Plan(Kind.GROUP_INDEX, 200, List.of("big"), List.of("small")));
    }

    @Test
    void aFewPermittedPassagesAreReadExactlyEvenWithAnIndex() {
        // 2,500 rows to sort cost less than a walk of 200 candidates (3,000 rows' worth); with 100, the walk wins.
        Reach reach = new Reach(2_500, 100_000, List.of(new GroupReach("g", 2_500, 2_500)));
        assertThat(planner.plan(Optional.of(reach), 10, Set.of("g")).kind()).isEqualTo(Kind.EXACT);
        assertThat(new DensePlanner(3000, 15, 100, 300, () -> 100).plan(Optional.of(reach), 10, Set.of("g")))
                .isEqualTo(new Plan(Kind.GROUP_INDEX, 100, List.of("g"), List.of()));
    }

    @Test
    void anIndexedGroupMostlyOutsideTheCollectionsSearchedIsNotWorthWalking() {
        // The group holds 100k passages, 2,000 of them in the collections searched: its own graph is 2% permitted.
        Reach reach = new Reach(2_000, 10_000, List.of(new GroupReach("g", 2_000, 100_000)));
        assertThat(planner.plan(Optional.of(reach), 10, Set.of("g")).kind()).isEqualTo(Kind.EXACT);
    }
}

package dev.docent.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.docent.store.PassagesWritten;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class AclStatisticsTest {

    private static final AclStatistics.Counts COUNTS = new AclStatistics.Counts(Map.of(
            "everyone", Map.of(1L, 10_000L, 2L, 500L),
            "finance", Map.of(1L, 120L),
            "legal", Map.of(2L, 40L)), Map.of(1L, 10_100L, 2L, 520L), Instant.now());

    @Test
    void everyCollectionCountsWhenNoneIsNamed() {
        assertThat(AclStatistics.bound(COUNTS, Set.of("finance", "legal"), List.of())).isEqualTo(160);
    }

    @Test
    void onlyTheNamedCollectionsCount() {
        assertThat(AclStatistics.bound(COUNTS, Set.of("everyone", "legal"), List.of(2L))).isEqualTo(540);
        assertThat(AclStatistics.bound(COUNTS, Set.of("finance"), List.of(2L))).isZero();
    }

    @Test
    void passagesAreCountedPerCollection() {
        assertThat(AclStatistics.passages(COUNTS, List.of())).isEqualTo(10_620);
        assertThat(AclStatistics.passages(COUNTS, List.of(2L))).isEqualTo(520);
        assertThat(new AclStatistics.Reach(52, 520).share()).isEqualTo(0.1);
    }

    /** A walk through the store's graph for a small collection meets mostly other collections' passages. */
    @Test
    void theShareIsOfEveryPassageInTheStoreEvenWhenOneCollectionIsSearched() {
        Config config = mock(Config.class);
        when(config.getOptionalValue("docent.search.acl-statistics-seconds", Long.class)).thenReturn(Optional.of(60L));
        AclStatistics statistics = new AclStatistics(null, null, config);
        statistics.recounted(COUNTS);

        AclStatistics.Reach wholeCollection = statistics.reach(Set.of("everyone"), List.of(2L)).orElseThrow();

        assertThat(wholeCollection.readableAtMost()).isEqualTo(500);
        assertThat(wholeCollection.passages()).isEqualTo(10_620);
        assertThat(wholeCollection.share()).isLessThan(0.05);
    }

    @Test
    void aBoundAboveThePassagesIsAWholeShareAndAnEmptyStoreIsNoFilter() {
        assertThat(new AclStatistics.Reach(540, 520).share()).isEqualTo(1.0);
        assertThat(new AclStatistics.Reach(0, 0).share()).isEqualTo(1.0);
    }

    @Test
    void aGroupTheCountHasNotSeenAddsNothing() {
        assertThat(AclStatistics.bound(COUNTS, Set.of("new-team", "finance"), List.of(1L, 2L))).isEqualTo(120);
    }

    @Test
    void eachGroupWithPassagesInTheCollectionsSearchedComesWithItsOwnCounts() {
        assertThat(AclStatistics.byGroup(COUNTS, List.of("everyone", "finance", "legal"), List.of(2L))).containsExactly(
                new AclStatistics.GroupReach("everyone", 500, 10_500), new AclStatistics.GroupReach("legal", 40, 40));
    }

    @Test
    void routingKeepsTheCollectionsInWhichTheCallersGroupsHoldPassages() {
        AclStatistics.Counts counts = new AclStatistics.Counts(Map.of(
                "finance", Map.of(1L, 120L, 3L, 0L),
                "legal", Map.of(2L, 40L, 1L, 7L)), Map.of(1L, 127L, 2L, 40L, 3L, 0L), Instant.now());
        assertThat(AclStatistics.collectionsHolding(counts, List.of("finance", "legal"))).containsExactly(1L, 2L);
        assertThat(AclStatistics.collectionsHolding(counts, List.of("finance", "new-team"))).containsExactly(1L);
        assertThat(AclStatistics.collectionsHolding(counts, List.of("new-team"))).isEmpty();
    }

    @Test
    void aCollectionsFirstPassagesCountAtOnceAndKnownOnesAreNotCountedTwice() {
        AclStatistics.Counts first = AclStatistics.withFirstPassages(COUNTS,
                new PassagesWritten(3L, Set.of("finance", "everyone"), 25));
        assertThat(AclStatistics.collectionsHolding(first, List.of("finance"))).containsExactly(1L, 3L);
        assertThat(AclStatistics.bound(first, Set.of("everyone"), List.of(3L))).isEqualTo(25);
        assertThat(AclStatistics.passages(first, List.of(3L))).isEqualTo(25);
        assertThat(first.countedAt()).isEqualTo(COUNTS.countedAt());

        // A new version of a document in a collection the groups already hold passages in: the count stands.
        assertThat(AclStatistics.withFirstPassages(COUNTS, new PassagesWritten(1L, Set.of("finance"), 5)))
                .isSameAs(COUNTS);
        // A group new to a known collection counts there; the collection's total keeps the larger figure.
        AclStatistics.Counts widened = AclStatistics.withFirstPassages(COUNTS,
                new PassagesWritten(2L, Set.of("finance"), 3));
        assertThat(AclStatistics.bound(widened, Set.of("finance"), List.of(2L))).isEqualTo(3);
        assertThat(AclStatistics.passages(widened, List.of(2L))).isEqualTo(520);
    }

    @Test
    void aRecountThatBeganBeforeAFirstDocumentKeepsItAndALaterOneDecides() {
        AclStatistics statistics = new AclStatistics(null, null, null);
        Instant before = Instant.now().minusSeconds(5);
        statistics.recounted(new AclStatistics.Counts(COUNTS.byGroup(), COUNTS.passages(), before.minusSeconds(60)));
        statistics.onPassagesWritten(new PassagesWritten(3L, Set.of("finance"), 25));

        // Began before the document committed: its snapshot may not hold it, so the first passages stay counted.
        AclStatistics.Counts running = statistics.recounted(
                new AclStatistics.Counts(COUNTS.byGroup(), COUNTS.passages(), before));
        assertThat(AclStatistics.collectionsHolding(running, List.of("finance"))).containsExactly(1L, 3L);

        // Began after it: what it counted is the truth (the document may be gone again), and the note is dropped.
        AclStatistics.Counts later = statistics.recounted(
                new AclStatistics.Counts(COUNTS.byGroup(), COUNTS.passages(), Instant.now().plusSeconds(1)));
        assertThat(AclStatistics.collectionsHolding(later, List.of("finance"))).containsExactly(1L);
        assertThat(AclStatistics.collectionsHolding(statistics.recounted(
                new AclStatistics.Counts(COUNTS.byGroup(), COUNTS.passages(), before)), List.of("finance")))
                .containsExactly(1L);
    }
}

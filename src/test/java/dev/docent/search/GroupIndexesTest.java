package dev.docent.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.search.GroupIndexes.Settings;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which groups get a vector index of their own (building and dropping them: SelectiveFilterIT). */
class GroupIndexesTest {

    private static final Settings SETTINGS = new Settings(10_000, 0.3, 2);

    @Test
    void largeGroupsWithASmallShareGetAnIndexTheLargestFirst() {
        Map<String, Long> sizes = Map.of("everyone", 1_000_000L, "tenth", 100_000L, "hundredth", 10_000L,
                "few", 9_999L, "fifth", 200_000L);
        assertThat(GroupIndexes.wanted(sizes, 1_000_000, SETTINGS)).containsExactlyInAnyOrder("fifth", "tenth");
        assertThat(GroupIndexes.wanted(sizes, 1_000_000, new Settings(10_000, 0.3, 16)))
                .containsExactlyInAnyOrder("fifth", "tenth", "hundredth");
    }

    @Test
    void anIndexIsDroppedOnlyWellPastTheBounds() {
        assertThat(GroupIndexes.outgrown(9_000, 1_000_000, SETTINGS)).isFalse();
        assertThat(GroupIndexes.outgrown(4_999, 1_000_000, SETTINGS)).isTrue();
        assertThat(GroupIndexes.outgrown(400_000, 1_000_000, SETTINGS)).isFalse();
        assertThat(GroupIndexes.outgrown(450_001, 1_000_000, SETTINGS)).isTrue();
    }

    @Test
    void aGroupsSizeIsItsPassagesInEveryCollection() {
        AclStatistics.Counts counts = new AclStatistics.Counts(Map.of("g", Map.of(1L, 10L, 2L, 5L)),
                Map.of(1L, 100L, 2L, 50L), Instant.now());
        assertThat(GroupIndexes.groupSizes(counts)).containsExactly(Map.entry("g", 15L));
    }

    @Test
    void theIndexNameIsStableAndSafeForAnyGroupName() {
        assertThat(GroupIndexes.indexName("Finance \"EU\"; DROP TABLE chunk"))
                .matches("chunk_embedding_group_[0-9a-f]{24}")
                .isEqualTo(GroupIndexes.indexName("Finance \"EU\"; DROP TABLE chunk"));
    }

    @Test
    void theSmallestIndexesNoLongerWantedGoWhenThereAreMoreThanTheMaximum() {
        Map<String, Long> sizes = Map.of("a", 300_000L, "b", 200_000L, "c", 150_000L, "d", 120_000L, "gone", 10L);
        // b and c are wanted; a (past 1.5 x 30% of 600k) and gone (below half the minimum) go; of the other
        // indexes, three would remain against a maximum of two, so the smaller one not wanted, d, goes too.
        Set<String> existing = Set.of("a", "b", "c", "d", "gone");
        assertThat(GroupIndexes.unwanted(existing, Set.of("b", "c"), sizes, 600_000, SETTINGS))
                .containsExactlyInAnyOrder("a", "gone", "d");
        // Within the maximum, an index no longer wanted but not past the bounds stays...
        assertThat(GroupIndexes.unwanted(Set.of("b", "d"), Set.of("b"), sizes, 600_000, SETTINGS)).isEmpty();
        // ...unless it would make one too many once the wanted ones are built.
        assertThat(GroupIndexes.unwanted(Set.of("b", "d"), Set.of("b", "c"), sizes, 600_000, SETTINGS))
                .containsExactly("d");
    }
}

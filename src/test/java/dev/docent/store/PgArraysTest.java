package dev.docent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The groups filter travels as a text[] literal: every group name must arrive exactly as it is. */
class PgArraysTest {

    @Test
    void quotesEveryElementSortedAndWithoutDuplicates() {
        assertThat(PgArrays.literal(List.of("hr", "engineering", "hr"))).isEqualTo("{\"engineering\",\"hr\"}");
    }

    @Test
    void escapesQuotesAndBackslashesAndKeepsCommasAndBracesInside() {
        assertThat(PgArrays.literal(Set.of("a,b}", "say \"hi\"", "back\\slash")))
                .isEqualTo("{\"a,b}\",\"back\\\\slash\",\"say \\\"hi\\\"\"}");
    }

    @Test
    void noGroupsIsAnEmptyArrayThatMatchesNothing() {
        assertThat(PgArrays.literal(List.of())).isEqualTo("{}");
    }
}

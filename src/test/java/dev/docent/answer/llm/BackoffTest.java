package dev.docent.answer.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theFirstTryStartsAtOnceAndEachLaterOneWaitsTwiceAsLong() {
        Backoff backoff = new Backoff(100, 10_000, 0);

        assertThat(backoff.delayBefore(1)).isZero();
        assertThat(backoff.delayBefore(2)).isEqualTo(100);
        assertThat(backoff.delayBefore(3)).isEqualTo(200);
        assertThat(backoff.delayBefore(4)).isEqualTo(400);
    }

    @Test
    void theWaitIsCapped() {
        assertThat(new Backoff(100, 300, 0).delayBefore(10)).isEqualTo(300);
    }

    @RepeatedTest(20)
    void jitterSpreadsTheWaitAroundItsValue() {
        long delay = new Backoff(1000, 10_000, 0.2).delayBefore(3);
        assertThat(delay).isBetween(1600L, 2400L);
    }
}

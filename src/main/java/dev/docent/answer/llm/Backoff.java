package dev.docent.answer.llm;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter around MicroProfile Fault Tolerance's @Retry, which on Liberty offers only a fixed
 * delay: the same Backoff travels with every try of one call (Fault Tolerance retries with the same arguments), so
 * try n waits base * 2^(n-1), give or take the jitter, before it starts.
 */
public final class Backoff {

    private final long baseMillis;
    private final long maxMillis;
    private final double jitter;
    private int attempt;

    public Backoff(long baseMillis, long maxMillis, double jitter) {
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
        this.jitter = jitter;
    }

    /** Called at the start of each try; sleeps before every one but the first. */
    public void beforeAttempt() {
        long delay = delayBefore(++attempt);
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChatUnavailableException("interrupted while backing off", e);
            }
        }
    }

    /** The wait before try {@code n} (1-based). */
    long delayBefore(int n) {
        if (n <= 1) {
            return 0;
        }
        double exponential = Math.min(maxMillis, baseMillis * Math.pow(2, n - 2));
        double spread = exponential * jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Math.max(0, Math.round(exponential + spread));
    }

    public int attempts() {
        return attempt;
    }
}

package dev.docent.store;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reloads a snapshot read from the database on an executor, one reload at a time: the request that finds the
 * snapshot stale starts one and goes on with the old snapshot, which stays in use if the reload fails.
 */
public final class BackgroundReload {

    private static final Logger LOG = Logger.getLogger(BackgroundReload.class.getName());

    private final String what;
    private final AtomicBoolean running = new AtomicBoolean();

    /** {@code what}: the snapshot's name, for the log. */
    public BackgroundReload(String what) {
        this.what = what;
    }

    /** Starts {@code reload} on {@code executor} unless one is running already. */
    public void start(Executor executor, Runnable reload) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    reload.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, e, () -> what + " not reloaded; the last ones stay in use");
                } finally {
                    running.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            running.set(false);
        }
    }
}

package dev.docent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundReloadTest {

    @Test
    void aReloadStartsOnlyWhenNoneIsRunning() {
        List<Runnable> queued = new ArrayList<>();
        AtomicInteger reloads = new AtomicInteger();
        BackgroundReload reload = new BackgroundReload("test");

        reload.start(queued::add, reloads::incrementAndGet);
        reload.start(queued::add, reloads::incrementAndGet);
        assertThat(queued).hasSize(1);

        queued.remove(0).run();
        reload.start(queued::add, reloads::incrementAndGet);
        assertThat(queued).hasSize(1);
        assertThat(reloads).hasValue(1);
    }

    @Test
    void aFailedOrRefusedReloadDoesNotBlockTheNext() {
        AtomicInteger reloads = new AtomicInteger();
        BackgroundReload reload = new BackgroundReload("test");

        reload.start(Runnable::run, () -> {
            throw new IllegalStateException("database away");
        });
        reload.start(task -> {
            throw new RejectedExecutionException("executor full");
        }, reloads::incrementAndGet);
        reload.start(Runnable::run, reloads::incrementAndGet);
        assertThat(reloads).hasValue(1);
    }
}

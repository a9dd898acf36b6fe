package dev.docent.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N clients, each sending its next request as soon as the last one returns (closed loop: the throughput a given
 * concurrency gets), over a shared list of queries. Each call reports the server's own time, or NaN if it has none.
 */
public final class ClosedLoop {

    /** One request; returns the server-side milliseconds (NaN when the system under test has no such figure). */
    @FunctionalInterface
    public interface Call {
        double run(String query) throws Exception;
    }

    public record Result(int clients, Percentiles client, Percentiles server, double perSecond, int failures) {
    }

    private ClosedLoop() {
    }

    public static Result run(int clients, List<String> queries, int requests, Call call) throws Exception {
        List<Double> client = Collections.synchronizedList(new ArrayList<>());
        List<Double> server = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests) {
                    long sent = System.nanoTime();
                    try {
                        double serverMs = call.run(queries.get(i % queries.size()));
                        client.add((System.nanoTime() - sent) / 1e6);
                        if (!Double.isNaN(serverMs)) {
                            server.add(serverMs);
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (client.isEmpty()) {
            throw new IllegalStateException("every request failed (" + failures.get() + ")");
        }
        return new Result(clients, Percentiles.of(client), server.isEmpty() ? null : Percentiles.of(server),
                client.size() / seconds, failures.get());
    }
}

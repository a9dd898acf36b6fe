package dev.docent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What the numbers were measured on, read off the machine itself. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String memoryKb = firstValue(Path.of("/proc/meminfo"), "MemTotal").replace("kB", "").strip();
        String os = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME").replace("\"", "");
        long gib = memoryKb.isEmpty() ? 0 : Math.round(Long.parseLong(memoryKb) / 1024.0 / 1024.0);
        return String.format("%d cores (%s), %d GiB, %s, Java %s", Runtime.getRuntime().availableProcessors(), cpu,
                gib, os, System.getProperty("java.version"));
    }

    /**
     * Waits until the whole machine was at most {@code busyShare} busy for a second (server, database and all), or
     * {@code limit} passed; returns the seconds waited. For rows that measure one thing on its own, so that work the
     * rows before them left behind (answers being judged, the query log) is not measured with it.
     */
    static double waitForIdleCpu(double busyShare, Duration limit) throws InterruptedException {
        long started = System.nanoTime();
        long[] before = cpuTicks();
        while (System.nanoTime() - started < limit.toNanos()) {
            Thread.sleep(1000);
            long[] after = cpuTicks();
            long total = after[0] - before[0];
            if (total > 0 && (double) (after[1] - before[1]) / total <= busyShare) {
                break;
            }
            before = after;
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** All CPU ticks and the busy ones (not idle, not waiting for I/O) since boot, from /proc/stat. */
    private static long[] cpuTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] ticks = Arrays.stream(fields, 1, Math.min(fields.length, 9)).mapToLong(Long::parseLong).toArray();
            long total = Arrays.stream(ticks).sum();
            return new long[] {total, total - ticks[3] - ticks[4]};
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }

    /** The value of the first "key: value" or "key=value" line, or "" when there is none. */
    static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    int separator = line.indexOf(':') >= 0 ? line.indexOf(':') : line.indexOf('=');
                    return separator < 0 ? "" : line.substring(separator + 1).strip();
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }
}

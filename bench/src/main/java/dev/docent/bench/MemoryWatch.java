package dev.docent.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak memory during the run: Docent's heap in use (sampled each second from /metrics), Docent's and this JVM's peak
 * resident set (the kernel's high-water mark, VmHWM).
 */
final class MemoryWatch {

    private static final Pattern USED_HEAP = Pattern.compile("(?m)^memory_usedHeap_bytes\\{[^}]*\\}\\s+(\\S+)");

    private final Thread sampler;
    private final Path serverPidFile;
    private final AtomicLong peakHeap = new AtomicLong();
    private volatile boolean running = true;

    private MemoryWatch(String url, Path serverPidFile) {
        this.serverPidFile = serverPidFile;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.sampler = new Thread(() -> {
            while (running) {
                try {
                    String metrics = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics?scope=base")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    Matcher used = USED_HEAP.matcher(metrics);
                    if (used.find()) {
                        peakHeap.accumulateAndGet((long) Double.parseDouble(used.group(1)), Math::max);
                    }
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a missed sample; the next one counts
                }
            }
        }, "memory-watch");
        sampler.setDaemon(true);
    }

    static MemoryWatch start(String url, Path serverPidFile) {
        MemoryWatch watch = new MemoryWatch(url, serverPidFile);
        watch.sampler.start();
        return watch;
    }

    void stop() {
        running = false;
        sampler.interrupt();
    }

    void report(StringBuilder report) {
        String pid = "";
        try {
            pid = Files.readString(serverPidFile).strip();
        } catch (Exception e) {
            // no pid file: Docent runs elsewhere
        }
        String serverPeak = pid.isEmpty() ? "n/a" : Machine.firstValue(Path.of("/proc", pid, "status"), "VmHWM");
        String benchPeak = Machine.firstValue(Path.of("/proc/self/status"), "VmHWM");
        report.append(String.format("Memory: Docent's peak heap in use %d MiB (sampled each second), Docent's peak "
                        + "RSS %s; the benchmark's JVM (LangChain4j pipeline and the model) peak RSS %s.%n%n",
                peakHeap.get() / (1024 * 1024), serverPeak, benchPeak));
    }
}

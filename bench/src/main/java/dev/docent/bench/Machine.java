package dev.docent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

package dev.docent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** The test server's settings file (docent.properties), which Docent re-reads within a second of a change. */
public final class ServerSettings {

    private ServerSettings() {
    }

    public static Path file() {
        return Path.of(System.getProperty("arquillian.wlp.home", ".docent/liberty/wlp"), "usr", "servers",
                System.getProperty("arquillian.server.name", "docentTest"), "docent.properties");
    }

    public static void write(Map<String, String> settings) {
        try {
            Files.writeString(file(), settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n", "", "\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Ingestion.sleep(1500);
    }

    public static void clear() {
        try {
            Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Ingestion.sleep(1500);
    }

    /** Liberty's log of the test server, to check what Docent wrote there. */
    public static Path messagesLog() {
        return file().resolveSibling("logs").resolve("messages.log");
    }
}

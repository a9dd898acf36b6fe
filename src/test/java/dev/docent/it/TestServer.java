package dev.docent.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * The test Liberty server driven directly, for drills that kill it: deploys the test archive to dropins, starts it
 * with Liberty's own script, kills its JVM without warning, and stops it. Only for tests outside Arquillian.
 */
public final class TestServer {

    private static boolean cleanNextStart;

    private TestServer() {
    }

    public static void deploy() {
        Path war = serverDir().resolve("dropins").resolve("docent.war");
        try {
            Files.createDirectories(war.getParent());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Deployments.docent().as(ZipExporter.class).exportTo(war.toFile(), true);
    }

    public static void undeploy() {
        try {
            Files.deleteIfExists(serverDir().resolve("dropins").resolve("docent.war"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Which JMS provider the server binds ingestion to at its next start (jms-embedded.xml or jms-artemis.xml). A
     * bootstrap property, because Liberty resolves an include's location from nothing else.
     */
    public static void useJmsProvider(String provider) {
        Path bootstrap = serverDir().resolve("bootstrap.properties");
        try {
            List<String> lines = new java.util.ArrayList<>(Files.exists(bootstrap) ? Files.readAllLines(bootstrap)
                    : List.of());
            lines.removeIf(line -> line.startsWith("docent.jms.provider="));
            lines.add("docent.jms.provider=" + provider);
            Files.write(bootstrap, lines);
            // The server caches its configuration (and the resource adapter's metadata) in its workarea, keyed by
            // the files it read, not by the variable that chose them: start clean after a switch.
            cleanNextStart = true;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the server and waits until Docent reports ready. */
    public static void start() {
        if (cleanNextStart) {
            cleanNextStart = false;
            run("start", "--clean");
        } else {
            run("start");
        }
        awaitReady(Duration.ofMinutes(3));
    }

    public static void stop() {
        run("stop");
    }

    /** Kills the server's JVM as a power cut would: no shutdown hooks, no orderly stop. */
    public static void kill() {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(wlp().resolve("usr/servers/.pid/" + name() + ".pid")).strip());
        } catch (IOException e) {
            throw new IllegalStateException("the server's pid file is missing", e);
        }
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        process.destroyForcibly();
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the server did not die", e);
        }
    }

    private static void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Api.anonymous().get("/health/ready").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // the port is not open yet
            }
            Ingestion.sleep(1000);
        }
        throw new IllegalStateException("Docent did not become ready in " + timeout);
    }

    private static void run(String action, String... options) {
        List<String> command = new java.util.ArrayList<>(List.of(wlp().resolve("bin/server").toString(), action,
                name()));
        command.addAll(List.of(options));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(3, TimeUnit.MINUTES) || (process.exitValue() != 0 && process.exitValue() != 1)) {
                throw new IllegalStateException("server " + action + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path wlp() {
        return Path.of(System.getProperty("arquillian.wlp.home", ".docent/liberty/wlp"));
    }

    private static String name() {
        return System.getProperty("arquillian.server.name", "docentTest");
    }

    private static Path serverDir() {
        return wlp().resolve("usr/servers").resolve(name());
    }
}

package dev.docent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openqa.selenium.json.Json;

/**
 * Debian's Firefox ESR, headless, driven over WebDriver BiDi, the W3C protocol Firefox speaks natively. Selenium
 * reaches Firefox only through geckodriver, which Debian does not package and which would have to come from GitHub;
 * BiDi needs no driver, only Firefox's own remote agent ({@code --remote-debugging-port}) and a WebSocket.
 *
 * <p>Deliberately small: navigate, evaluate, click and type with real input events, screenshot.
 */
public final class Firefox implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Json JSON = new Json();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final String context;

    private Firefox(Process process, Path profile, String endpoint) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(endpoint + "/session"), new Responses()).get(30, TimeUnit.SECONDS);
        command("session.new", Map.of("capabilities", Map.of()));
        List<?> contexts = (List<?>) command("browsingContext.getTree", Map.of()).get("contexts");
        this.context = (String) ((Map<?, ?>) contexts.get(0)).get("context");
        command("browsingContext.setViewport",
                Map.of("context", context, "viewport", Map.of("width", 1280, "height", 900)));
    }

    public static Firefox start() {
        Path profile = null;
        try {
            profile = Files.createTempDirectory("docent-firefox");
            // Nothing that phones home: intranet machines (and this build) have no internet.
            Files.writeString(profile.resolve("user.js"), String.join("\n",
                    "user_pref(\"app.update.enabled\", false);",
                    "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
                    "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
                    "user_pref(\"toolkit.telemetry.enabled\", false);",
                    "user_pref(\"network.captive-portal-service.enabled\", false);",
                    "user_pref(\"browser.safebrowsing.malware.enabled\", false);",
                    "user_pref(\"browser.safebrowsing.phishing.enabled\", false);",
                    "user_pref(\"intl.accept_languages\", \"en-US\");", ""));
            Process process = new ProcessBuilder(System.getProperty("docent.it.firefox", "/usr/bin/firefox-esr"),
                    "--headless", "--no-remote", "--profile", profile.toString(), "--remote-debugging-port=0",
                    "about:blank")
                    .redirectErrorStream(true)
                    .start();
            return new Firefox(process, profile, endpointFrom(process));
        } catch (Exception e) {
            deleteQuietly(profile);
            throw new IllegalStateException("Firefox did not start: " + e.getMessage(), e);
        }
    }

    /** Firefox prints its BiDi address once its remote agent listens (port 0: any free port). */
    private static String endpointFrom(Process process) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = output.readLine()) != null) {
            int at = line.indexOf("WebDriver BiDi listening on ");
            if (at >= 0) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "firefox-output");
                drain.setDaemon(true);
                drain.start();
                return line.substring(at + "WebDriver BiDi listening on ".length()).trim();
            }
            seen.add(line);
        }
        throw new IOException("Firefox exited before listening: " + seen);
    }

    public void open(String url) {
        command("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"));
    }

    /** The value of a JavaScript expression (awaited if it is a promise): a string, number, boolean or null. */
    public Object evaluate(String expression) {
        Map<String, Object> result = command("script.evaluate", Map.of("expression", expression,
                "target", Map.of("context", context), "awaitPromise", true));
        if ("exception".equals(result.get("type"))) {
            throw new IllegalStateException("script failed: " + result.get("exceptionDetails"));
        }
        return ((Map<?, ?>) result.get("result")).get("value");
    }

    public String text(String css) {
        return (String) evaluate("document.querySelector(" + JSON.toJson(css) + ").innerText");
    }

    /** Waits until a JavaScript condition is true; fails with the condition and the page's text after the timeout. */
    public void waitFor(String condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Boolean.TRUE.equals(evaluate("!!(" + condition + ")"))) {
                return;
            }
            Ingestion.sleep(100);
        }
        throw new AssertionError("Firefox: still not (" + condition + ") after " + timeout + "; page shows: "
                + evaluate("document.body.innerText"));
    }

    /** A real pointer click in the middle of the element, as a user makes it. */
    public void click(String css) {
        Map<String, Object> element = element(css);
        command("input.performActions", Map.of("context", context, "actions", List.of(Map.of(
                "type", "pointer", "id", "mouse", "actions", List.of(
                        Map.of("type", "pointerMove", "x", 0, "y", 0,
                                "origin", Map.of("type", "element", "element", element)),
                        Map.of("type", "pointerDown", "button", 0),
                        Map.of("type", "pointerUp", "button", 0))))));
    }

    /** Clicks into the field and types the text key by key. */
    public void type(String css, String text) {
        click(css);
        List<Map<String, Object>> keys = new ArrayList<>();
        text.codePoints().mapToObj(Character::toString).forEach(key -> {
            keys.add(Map.of("type", "keyDown", "value", key));
            keys.add(Map.of("type", "keyUp", "value", key));
        });
        command("input.performActions", Map.of("context", context, "actions",
                List.of(Map.of("type", "key", "id", "keyboard", "actions", keys))));
    }

    /** Saves what Firefox shows to target/screenshots/NAME.png. */
    public Path screenshot(String name) {
        String png = (String) command("browsingContext.captureScreenshot", Map.of("context", context)).get("data");
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, Base64.getDecoder().decode(png));
            return target;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> element(String css) {
        Map<String, Object> result = command("script.evaluate", Map.of(
                "expression", "(() => { const e = document.querySelector(" + JSON.toJson(css) + ");"
                        + " if (e) e.scrollIntoView({block: 'center'}); return e; })()",
                "target", Map.of("context", context), "awaitPromise", false, "resultOwnership", "root"));
        Map<?, ?> node = (Map<?, ?>) result.get("result");
        if (node == null || !"node".equals(node.get("type"))) {
            throw new AssertionError("Firefox: no element matches " + css);
        }
        return Map.of("sharedId", node.get("sharedId"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> command(String method, Map<String, Object> params) {
        long id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> response = new CompletableFuture<>();
        pending.put(id, response);
        socket.sendText(JSON.toJson(Map.of("id", id, "method", method, "params", params)), true).join();
        try {
            Map<String, Object> message = response.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if ("error".equals(message.get("type"))) {
                throw new IllegalStateException(method + ": " + message.get("error") + " " + message.get("message"));
            }
            return (Map<String, Object>) message.get("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(method + " failed", e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        try {
            command("browser.close", Map.of());
        } catch (RuntimeException ignored) {
            // Closing is best effort: the process is ended below either way.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteQuietly(profile);
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary profile left behind is harmless.
        }
    }

    /** Completes the pending command a response answers; events (messages without an id) are not used. */
    private final class Responses implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        @SuppressWarnings("unchecked")
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                Map<String, Object> message = JSON.toType(partial.toString(), Json.MAP_TYPE);
                partial.setLength(0);
                Object id = message.get("id");
                if (id instanceof Number number) {
                    CompletableFuture<Map<String, Object>> waiting = pending.get(number.longValue());
                    if (waiting != null) {
                        waiting.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}

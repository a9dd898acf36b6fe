package dev.docent.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small OpenAI-compatible chat completions server for the tests: it streams an answer token by token, and can be
 * slow, fail a given number of times, stop midway or leave out the usage. It records every request it receives, so
 * a test can prove what left Docent (and what did not).
 */
public final class OpenAiStub implements AutoCloseable {

    /** A request as received. */
    public record Received(Instant at, String body) {
    }

    private static final Pattern FIRST_PASSAGE = Pattern.compile("\\[1] [^\\n]*\\n([^\\n]+)");

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger failNext = new AtomicInteger();
    public volatile int failStatus = 500;
    public volatile long delayBeforeAnswerMillis;
    public volatile long delayBetweenTokensMillis = 5;
    public volatile int stopAfterTokens = -1;
    public volatile boolean reportUsage = true;
    public volatile Function<String, String> answer = OpenAiStub::quoteFirstPassage;

    public OpenAiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::complete);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void reset() {
        received.clear();
        failNext.set(0);
        failStatus = 500;
        delayBeforeAnswerMillis = 0;
        delayBetweenTokensMillis = 5;
        stopAfterTokens = -1;
        reportUsage = true;
        answer = OpenAiStub::quoteFirstPassage;
    }

    /** The default answer: the first sentence of passage [1], cited. */
    public static String quoteFirstPassage(String userMessage) {
        Matcher matcher = FIRST_PASSAGE.matcher(userMessage);
        if (!matcher.find()) {
            return "I don't know based on the available knowledge.";
        }
        String text = matcher.group(1);
        int end = text.indexOf(". ");
        return (end > 0 ? text.substring(0, end + 1) : text) + " [1]";
    }

    private void complete(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(Instant.now(), body));
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            byte[] error = "{\"error\":{\"message\":\"stub failure\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(failStatus, error.length);
            exchange.getResponseBody().write(error);
            exchange.close();
            return;
        }
        sleep(delayBeforeAnswerMillis);
        JsonObject request;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            request = reader.readObject();
        }
        String user = request.getJsonArray("messages").getJsonObject(1).getString("content");
        List<String> tokens = tokens(answer.apply(user));
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < tokens.size(); i++) {
                if (i == stopAfterTokens) {
                    out.flush();
                    exchange.close();
                    return;
                }
                write(out, Json.createObjectBuilder().add("choices", Json.createArrayBuilder().add(
                        Json.createObjectBuilder().add("index", 0).add("delta",
                                Json.createObjectBuilder().add("content", tokens.get(i))))).build().toString());
                sleep(delayBetweenTokensMillis);
            }
            if (reportUsage) {
                write(out, "{\"choices\":[],\"usage\":{\"prompt_tokens\":321,\"completion_tokens\":" + tokens.size()
                        + ",\"total_tokens\":" + (321 + tokens.size()) + "}}");
            }
            write(out, "[DONE]");
        } catch (IOException e) {
            // The client went away (a timeout on its side): nothing to do.
        }
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = Pattern.compile("\\S+\\s*").matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    private static void write(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

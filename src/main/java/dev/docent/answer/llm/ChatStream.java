package dev.docent.answer.llm;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The token stream of one chat completion (OpenAI's server-sent events: "data: {chunk}" lines, then
 * "data: [DONE]"). A watchdog closes the connection when the model sends nothing for the idle timeout, so a model
 * that stalls midway ends the answer with an error instead of hanging it.
 */
public class ChatStream implements Closeable {

    /** The model could not be reached (Fault Tolerance's fallback): nothing to stream. */
    public static final ChatStream UNAVAILABLE = new ChatStream();

    private final InputStream body;
    private final BufferedReader reader;
    private final ScheduledFuture<?> watchdog;
    private final long idleNanos;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean stalled;
    private Integer promptTokens;
    private Integer completionTokens;
    private boolean done;

    private ChatStream() {
        this.body = null;
        this.reader = null;
        this.watchdog = null;
        this.idleNanos = 0;
        this.done = true;
    }

    ChatStream(InputStream body, Duration idleTimeout, ScheduledExecutorService scheduler) {
        this.body = body;
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.idleNanos = idleTimeout.toNanos();
        this.watchdog = scheduler.scheduleWithFixedDelay(this::closeIfIdle, 200, 200, TimeUnit.MILLISECONDS);
    }

    public boolean unavailable() {
        return this == UNAVAILABLE;
    }

    /**
     * The next piece of the answer, or null once the model has finished.
     *
     * @throws ChatInterruptedException when the connection fails or stalls midway
     */
    public String next() {
        try {
            String line;
            while (!done && (line = reader.readLine()) != null) {
                lastActivity = System.nanoTime();
                if (!line.startsWith("data:")) {
                    continue;
                }
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    done = true;
                    break;
                }
                String content = read(data);
                if (content != null && !content.isEmpty()) {
                    return content;
                }
            }
            if (!done) {
                throw new ChatInterruptedException("the model's stream ended without [DONE]", null);
            }
            return null;
        } catch (IOException e) {
            throw new ChatInterruptedException(stalled ? "the model stopped sending for longer than the idle timeout"
                    : "the model's stream broke off: " + e.getMessage(), e);
        }
    }

    private String read(String data) {
        JsonObject chunk;
        try (JsonReader json = Json.createReader(new StringReader(data))) {
            chunk = json.readObject();
        } catch (RuntimeException e) {
            return null;
        }
        if (chunk.get("error") instanceof JsonObject error) {
            throw new ChatInterruptedException("the model reported an error midway: "
                    + error.getString("message", error.toString()), null);
        }
        JsonValue usage = chunk.get("usage");
        if (usage instanceof JsonObject u) {
            promptTokens = u.containsKey("prompt_tokens") ? u.getInt("prompt_tokens") : promptTokens;
            completionTokens = u.containsKey("completion_tokens") ? u.getInt("completion_tokens") : completionTokens;
        }
        JsonArray choices = chunk.getJsonArray("choices");
        if (choices == null || choices.isEmpty()) {
            return null;
        }
        JsonObject delta = choices.getJsonObject(0).getJsonObject("delta");
        if (delta == null || !(delta.get("content") instanceof JsonString text)) {
            return null;
        }
        return text.getString();
    }

    /** Tokens the provider reported, if it did (null otherwise). */
    public Integer promptTokens() {
        return promptTokens;
    }

    public Integer completionTokens() {
        return completionTokens;
    }

    private void closeIfIdle() {
        if (System.nanoTime() - lastActivity > idleNanos) {
            stalled = true;
            close();
        }
    }

    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        if (body != null) {
            try {
                body.close();
            } catch (IOException ignored) {
                // The connection is going away either way.
            }
        }
    }
}

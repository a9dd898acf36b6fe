package dev.docent.answer.llm;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Opens a streaming chat completion on an OpenAI-compatible server, behind MicroProfile Fault Tolerance: a timeout
 * until the answer starts, retries with exponential backoff ({@link Backoff}) for timeouts, 429 and 5xx, a circuit
 * breaker that stops calling a failing model, and a fallback ({@link ChatStream#UNAVAILABLE}) when all of that
 * fails. Each setting can be tuned through MicroProfile Config, e.g.
 * {@code dev.docent.answer.llm.ChatClient/open/Timeout/value=15000} (milliseconds). The JDK's HTTP client does the talking: the
 * protocol is small, and Docent must control exactly what leaves the building.
 */
@ApplicationScoped
public class ChatClient {

    private static final Logger LOG = Logger.getLogger(ChatClient.class.getName());

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Timeout(15_000)
    @Retry(maxRetries = 3, delay = 0, jitter = 0, maxDuration = 120, durationUnit = ChronoUnit.SECONDS,
            retryOn = {ChatUnavailableException.class, TimeoutException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.6, delay = 30, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1, failOn = {ChatUnavailableException.class, TimeoutException.class})
    @Fallback(fallbackMethod = "unavailable",
            applyOn = {ChatUnavailableException.class, TimeoutException.class, CircuitBreakerOpenException.class})
    public ChatStream open(LlmSettings settings, JsonObject request, Backoff backoff) {
        backoff.beforeAttempt();
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.chatUri())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8));
        if (!settings.apiKey().isBlank()) {
            builder.header(settings.authHeader(),
                    settings.authHeader().equalsIgnoreCase("Authorization") ? "Bearer " + settings.apiKey()
                            : settings.apiKey());
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ChatUnavailableException("the model could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatUnavailableException("interrupted while waiting for the model", e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return new ChatStream(response.body(), settings.idleTimeout(), scheduler);
        }
        String detail = errorBody(response.body());
        if (status == 429 || status >= 500) {
            throw new ChatUnavailableException("the model answered HTTP " + status + ": " + detail, null);
        }
        throw new ChatRejectedException("the model refused the request (HTTP " + status + "): " + detail);
    }

    ChatStream unavailable(LlmSettings settings, JsonObject request, Backoff backoff) {
        LOG.warning(() -> "The language model is unavailable after " + backoff.attempts()
                + " tries; answering with the fallback message");
        return ChatStream.UNAVAILABLE;
    }

    private static String errorBody(InputStream body) {
        try (InputStream in = body) {
            String text = new String(in.readNBytes(500), StandardCharsets.UTF_8);
            return text.isBlank() ? "(no body)" : text.strip();
        } catch (IOException e) {
            return "(unreadable body)";
        }
    }
}

package dev.docent.answer;

import dev.docent.search.SearchHit;
import dev.docent.web.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Streams an answer as Server-Sent Events: {@code meta} (query id, sources, route), one {@code token} per token,
 * then {@code done} (usage, latency) or {@code error}. Each event's data is JSON, so spaces in tokens survive.
 */
final class SseAnswerListener implements AnswerListener {

    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final SseEventSink sink;
    private final Sse sse;

    SseAnswerListener(SseEventSink sink, Sse sse) {
        this.sink = sink;
        this.sse = sse;
    }

    @Override
    public void onMeta(UUID queryId, List<SearchHit> sources, String route) {
        send("meta", Map.of("queryId", queryId, "sources", sources, "route", route));
    }

    @Override
    public void onToken(String token) {
        send("token", Map.of("text", token));
    }

    @Override
    public void onDone(AnswerResult result) {
        send("done", Map.of("queryId", result.queryId(), "answer", result.answer(), "usage", result.usage(),
                "latencyMs", result.latencyMs(), "cached", result.cached(), "degraded", result.degraded(),
                "grounded", result.grounded(), "sources", result.sources()));
        sink.close();
    }

    @Override
    public void onError(String error, String message) {
        if (!sink.isClosed()) {
            send("error", new ApiError(error, message));
            sink.close();
        }
    }

    /** Waits for each event to be written, so that a client that went away stops the answer. */
    private void send(String name, Object data) {
        if (sink.isClosed()) {
            throw new ClientGoneException();
        }
        CompletionStage<?> sent = sink.send(sse.newEventBuilder()
                .name(name)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(data.getClass(), data)
                .build());
        try {
            sent.toCompletableFuture().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientGoneException();
        } catch (Exception e) {
            throw new ClientGoneException();
        }
    }

    /** The client closed the stream; there is nobody left to answer. */
    static final class ClientGoneException extends RuntimeException {
        ClientGoneException() {
            super("the client closed the stream", null, false, false);
        }
    }
}

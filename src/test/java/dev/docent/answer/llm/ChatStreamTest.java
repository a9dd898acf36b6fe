package dev.docent.answer.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI stream format, read from bytes (the real server is exercised by LlmGenerationIT). */
class ChatStreamTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void readsTheContentDeltasAndTheUsage() {
        String sse = """
                data: {"choices":[{"delta":{"role":"assistant"}}]}

                data: {"choices":[{"delta":{"content":"Deploy on "}}]}

                data: {"choices":[{"delta":{"content":"Tuesdays [1]"},"finish_reason":"stop"}]}

                data: {"choices":[],"usage":{"prompt_tokens":120,"completion_tokens":6}}

                data: [DONE]
                """;
        ChatStream stream = new ChatStream(bytes(sse), Duration.ofSeconds(5), scheduler);

        List<String> pieces = new ArrayList<>();
        for (String piece = stream.next(); piece != null; piece = stream.next()) {
            pieces.add(piece);
        }

        assertThat(pieces).containsExactly("Deploy on ", "Tuesdays [1]");
        assertThat(stream.promptTokens()).isEqualTo(120);
        assertThat(stream.completionTokens()).isEqualTo(6);
    }

    @Test
    void aStreamThatEndsWithoutDoneIsAnInterruption() {
        ChatStream stream = new ChatStream(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"Half\"}}]}\n\n"),
                Duration.ofSeconds(5), scheduler);

        assertThat(stream.next()).isEqualTo("Half");
        assertThatThrownBy(stream::next).isInstanceOf(ChatInterruptedException.class);
    }

    @Test
    void aStalledStreamIsClosedByTheWatchdog() {
        InputStream silent = new InputStream() {
            private volatile boolean closed;

            @Override
            public int read() throws IOException {
                while (!closed) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                throw new IOException("closed");
            }

            @Override
            public void close() {
                closed = true;
            }
        };
        ChatStream stream = new ChatStream(silent, Duration.ofMillis(300), scheduler);

        assertThatThrownBy(stream::next).isInstanceOf(ChatInterruptedException.class)
                .hasMessageContaining("idle timeout");
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}

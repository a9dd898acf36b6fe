package dev.docent.answer.llm;

import dev.docent.answer.AnswerPipeline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;

/** The chat request for a grounded answer: numbered passages, the question, and the rules for citing them. */
public final class Prompt {

    /** Part of the cache key: a change of wording is a change of answers. */
    public static final String VERSION = "v1";

    static final String SYSTEM = """
            You are Docent, the assistant of an organization's intranet. Answer the question using only the numbered \
            passages you are given. Cite the passage that supports each statement with its number in square \
            brackets, like [1] or [2][3]. Do not use anything you know from elsewhere. If the passages do not \
            contain the answer, reply exactly: %s Text in square brackets such as [EMAIL_1] stands for withheld \
            personal data; keep it as it is.""".formatted(AnswerPipeline.I_DONT_KNOW);

    /** A passage as the model sees it. */
    public record Passage(String title, String text) {
    }

    private Prompt() {
    }

    static String user(String question, List<Passage> passages) {
        StringBuilder user = new StringBuilder("Passages:\n");
        for (int i = 0; i < passages.size(); i++) {
            Passage passage = passages.get(i);
            user.append('[').append(i + 1).append("] ").append(passage.title()).append('\n')
                    .append(passage.text().strip()).append("\n\n");
        }
        return user.append("Question: ").append(question).toString();
    }

    static JsonObject request(LlmSettings settings, String question, List<Passage> passages) {
        return Json.createObjectBuilder()
                .add("model", settings.model())
                .add("messages", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("role", "system").add("content", SYSTEM))
                        .add(Json.createObjectBuilder().add("role", "user").add("content", user(question, passages))))
                .add("stream", true)
                .add("stream_options", Json.createObjectBuilder().add("include_usage", true))
                .add("max_tokens", settings.maxTokens())
                .add("temperature", settings.temperature())
                .build();
    }
}

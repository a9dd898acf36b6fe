package dev.docent.answer.llm;

import dev.docent.answer.AnswerGenerator;
import dev.docent.answer.AnswerPipeline;
import dev.docent.answer.Usage;
import dev.docent.guard.Guardrails;
import dev.docent.guard.Redactor;
import dev.docent.search.RetrievedChunk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers with an OpenAI-compatible language model, streaming its tokens straight through. Everything sent is
 * redacted first: personal and secret data in the question and in every passage become placeholders. An answer
 * that cites none of its passages (or one that does not exist) is not accepted as grounded.
 */
@ApplicationScoped
public class LlmAnswerGenerator {

    public static final String UNAVAILABLE = "The assistant is unavailable right now. The sources below match your "
            + "question; please read them directly or try again in a few minutes.";

    private final ChatClient client;
    private final Guardrails guardrails;
    private final long backoffBaseMillis;
    private final long backoffMaxMillis;
    private final double backoffJitter;

    @Inject
    public LlmAnswerGenerator(ChatClient client, Guardrails guardrails,
                              @ConfigProperty(name = "docent.llm.retry.base-ms", defaultValue = "250") long backoffBaseMillis,
                              @ConfigProperty(name = "docent.llm.retry.max-ms", defaultValue = "4000") long backoffMaxMillis,
                              @ConfigProperty(name = "docent.llm.retry.jitter", defaultValue = "0.2") double backoffJitter) {
        this.client = client;
        this.guardrails = guardrails;
        this.backoffBaseMillis = backoffBaseMillis;
        this.backoffMaxMillis = backoffMaxMillis;
        this.backoffJitter = backoffJitter;
    }

    /** For CDI's client proxy only. */
    protected LlmAnswerGenerator() {
        this(null, null, 0, 0, 0);
    }

    public AnswerGenerator.Generated generate(LlmSettings settings, String question, List<RetrievedChunk> sources,
                                              Consumer<String> tokens) {
        Redactor redactor = guardrails.redactorForExternalModel();
        String safeQuestion = redactor.redact(question);
        List<Prompt.Passage> passages = sources.stream()
                .map(s -> new Prompt.Passage(redactor.redact(s.title()), redactor.redact(s.text())))
                .toList();
        JsonObject request = Prompt.request(settings, safeQuestion, passages);
        ChatStream stream = client.open(settings, request, new Backoff(backoffBaseMillis, backoffMaxMillis,
                backoffJitter));
        if (stream.unavailable()) {
            tokens.accept(UNAVAILABLE);
            return new AnswerGenerator.Generated(UNAVAILABLE, Usage.NONE, false, true);
        }
        StringBuilder answer = new StringBuilder();
        try (stream) {
            for (String piece = stream.next(); piece != null; piece = stream.next()) {
                answer.append(piece);
                tokens.accept(piece);
            }
        }
        String text = answer.toString().strip();
        int input = stream.promptTokens() != null ? stream.promptTokens()
                : TokenCounts.chat(Prompt.SYSTEM, Prompt.user(safeQuestion, passages));
        int output = stream.completionTokens() != null ? stream.completionTokens() : TokenCounts.count(text);
        Usage usage = new Usage(input, output, settings.cost(input, output));
        boolean grounded = text.equals(AnswerPipeline.I_DONT_KNOW) || Citations.grounded(text, sources.size());
        return new AnswerGenerator.Generated(text, usage, grounded, false);
    }
}

package dev.docent.answer;

import dev.docent.answer.llm.LlmAnswerGenerator;
import dev.docent.answer.llm.LlmSettings;
import dev.docent.search.RetrievedChunk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.Config;

/**
 * The generator for this question: the configured language model when there is one (docent.llm.base-url and
 * docent.llm.model), otherwise the extractive answerer. Read per question, so that it follows the settings file.
 */
@ApplicationScoped
public class GeneratorSelector {

    private final Config config;
    private final ExtractiveAnswerGenerator extractive;
    private final LlmAnswerGenerator llm;

    @Inject
    public GeneratorSelector(Config config, ExtractiveAnswerGenerator extractive, LlmAnswerGenerator llm) {
        this.config = config;
        this.extractive = extractive;
        this.llm = llm;
    }

    /** For CDI's client proxy only. */
    protected GeneratorSelector() {
        this(null, null, null);
    }

    public AnswerGenerator current() {
        return LlmSettings.from(config).<AnswerGenerator>map(settings -> new AnswerGenerator() {
            @Override
            public String id() {
                return settings.cacheKey();
            }

            @Override
            public Generated generate(String question, float[] vector, List<RetrievedChunk> sources,
                                      Consumer<String> tokens) {
                return llm.generate(settings, question, sources, tokens);
            }
        }).orElse(extractive);
    }
}

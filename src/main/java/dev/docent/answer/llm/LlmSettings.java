package dev.docent.answer.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The OpenAI-compatible model Docent talks to, read from configuration on every question, so that switching it on
 * (DOCENT_LLM_BASE_URL, DOCENT_LLM_MODEL, DOCENT_LLM_API_KEY) or changing prices in the settings file needs no
 * restart. Works with OpenAI, vLLM, Ollama and llama.cpp's server (base URL ending in /v1), and Azure OpenAI
 * (base URL of the deployment, docent.llm.api-version set, docent.llm.auth-header = api-key).
 */
public record LlmSettings(URI baseUrl, String model, String apiKey, String authHeader, String apiVersion,
                          Duration idleTimeout, int maxTokens, double temperature, double inputPricePer1k,
                          double outputPricePer1k) {

    public static Optional<LlmSettings> from(Config config) {
        Optional<String> base = config.getOptionalValue("docent.llm.base-url", String.class).filter(s -> !s.isBlank());
        Optional<String> model = config.getOptionalValue("docent.llm.model", String.class).filter(s -> !s.isBlank());
        if (base.isEmpty() || model.isEmpty()) {
            return Optional.empty();
        }
        String url = base.get().endsWith("/") ? base.get().substring(0, base.get().length() - 1) : base.get();
        return Optional.of(new LlmSettings(URI.create(url), model.get(),
                config.getOptionalValue("docent.llm.api-key", String.class).orElse(""),
                config.getOptionalValue("docent.llm.auth-header", String.class).orElse("Authorization"),
                config.getOptionalValue("docent.llm.api-version", String.class).orElse(""),
                Duration.ofMillis(config.getOptionalValue("docent.llm.idle-timeout-ms", Long.class).orElse(30_000L)),
                config.getOptionalValue("docent.llm.max-tokens", Integer.class).orElse(512),
                config.getOptionalValue("docent.llm.temperature", Double.class).orElse(0.1),
                config.getOptionalValue("docent.llm.price.input-per-1k", Double.class).orElse(0.0),
                config.getOptionalValue("docent.llm.price.output-per-1k", Double.class).orElse(0.0)));
    }

    /** The chat completions endpoint. */
    public URI chatUri() {
        String query = apiVersion.isBlank() ? "" : "?api-version=" + apiVersion;
        return URI.create(baseUrl + "/chat/completions" + query);
    }

    public double cost(int inputTokens, int outputTokens) {
        return inputTokens / 1000.0 * inputPricePer1k + outputTokens / 1000.0 * outputPricePer1k;
    }

    /** What a cached answer depends on. */
    public String cacheKey() {
        return "llm:" + baseUrl + ":" + model + ":" + maxTokens + ":" + temperature + ":" + Prompt.VERSION;
    }
}

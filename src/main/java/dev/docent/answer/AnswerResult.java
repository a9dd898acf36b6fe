package dev.docent.answer;

import dev.docent.search.SearchHit;
import java.util.List;
import java.util.UUID;

/**
 * The response of POST /ask, and what the stream's events add up to. {@code grounded} is false when a generated
 * answer did not cite its sources and was replaced by "I don't know"; {@code degraded} is true when it came from a
 * fallback (the language model unavailable).
 */
public record AnswerResult(UUID queryId, String answer, List<SearchHit> sources, String route, boolean cached,
                           boolean degraded, boolean grounded, Usage usage, long latencyMs) {
}

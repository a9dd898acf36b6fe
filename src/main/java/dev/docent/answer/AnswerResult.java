package dev.docent.answer;

import dev.docent.search.SearchHit;
import java.util.List;
import java.util.UUID;

/** The response of POST /ask, and what the stream's events add up to. */
public record AnswerResult(UUID queryId, String answer, List<SearchHit> sources, String route, boolean cached,
                           boolean degraded, Usage usage, long latencyMs) {
}

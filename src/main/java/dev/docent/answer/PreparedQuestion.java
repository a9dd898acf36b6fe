package dev.docent.answer;

import dev.docent.guard.GuardedQuestion;
import java.util.List;

/**
 * A question that passed validation and the guardrails, ready for the pipeline (before any stream opens), with the
 * collections it named (names and their ids; empty: let the router choose).
 */
public record PreparedQuestion(GuardedQuestion guarded, List<String> collections, List<Long> collectionIds, int topK) {

    public String text() {
        return guarded.text();
    }
}

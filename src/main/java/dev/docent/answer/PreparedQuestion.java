package dev.docent.answer;

import dev.docent.guard.GuardedQuestion;
import java.util.List;

/** A question that passed validation and the guardrails, ready for the pipeline (before any stream opens). */
public record PreparedQuestion(GuardedQuestion guarded, List<String> collections, int topK) {

    public String text() {
        return guarded.text();
    }
}

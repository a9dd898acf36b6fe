package dev.docent.guard;

import java.util.Map;

/** A question that passed the guardrails: its text as the pipeline may use it, and what was done to it. */
public record GuardedQuestion(String text, Map<PiiType, PiiAction> decisions) {

    public GuardedQuestion {
        decisions = Map.copyOf(decisions);
    }
}

package dev.docent.guard;

/** What the guardrails do with a kind of personal data found in a question. */
public enum PiiAction {
    /** Refuse the question. */
    BLOCK,
    /** Replace the value with a placeholder everywhere downstream (retrieval, cache, logs, language model). */
    REDACT,
    /** Leave it; it is still redacted before anything goes to an external language model. */
    ALLOW
}

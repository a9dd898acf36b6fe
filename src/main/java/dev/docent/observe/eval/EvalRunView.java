package dev.docent.observe.eval;

import java.time.Instant;
import java.util.UUID;

/** An evaluation run as the API shows it and as the harness reports it (id, createdBy and createdAt are Docent's). */
public record EvalRunView(UUID id, String dataset, String mode, int queries, int documents, double hitAt1,
                          double hitAt5, double hitAt10, double mrrAt10, double ndcgAt10, double recallAt100,
                          long tookMs, String details, String createdBy, Instant createdAt) {
}

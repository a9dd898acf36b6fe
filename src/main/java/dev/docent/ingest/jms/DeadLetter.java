package dev.docent.ingest.jms;

import java.time.Instant;

/** A message on the dead-letter queue, as the console lists it: why it failed, and what it was about. */
public record DeadLetter(String messageId, String originalMessageId, String jobId, String externalId,
                         String collection, String error, Instant failedAt) {
}

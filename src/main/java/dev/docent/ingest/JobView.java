package dev.docent.ingest;

import java.time.Instant;
import java.util.UUID;

/**
 * An ingestion job as the API shows it. {@code status} is queued (waiting its turn), processing, stalled (processing,
 * but its worker has gone silent; it will be re-queued), done or failed.
 */
public record JobView(UUID jobId, UUID documentId, String source, String action, String status, String error,
                      String messageId, String correlationId, int attempts, int chunksTotal, int chunksEmbedded,
                      int chunksReused, UUID supersededBy, Instant createdAt, Instant startedAt, Instant heartbeatAt,
                      Instant finishedAt) {

    public static final String STALLED = "stalled";

    static JobView of(IngestionJob job, Instant stallCutoff) {
        String status = job.stalled(stallCutoff) ? STALLED : job.status().wire();
        return new JobView(job.id(), job.documentId(), job.source(), job.action(), status, job.error(),
                job.jmsMessageId(), job.correlationId(), job.attempts(), job.chunksTotal(), job.chunksEmbedded(),
                job.chunksReused(), job.supersededBy(), job.createdAt(), job.startedAt(), job.heartbeatAt(),
                job.finishedAt());
    }
}

package dev.docent.ingest;

import java.time.Instant;
import java.util.UUID;

/** An ingestion job as the API shows it. */
public record JobView(UUID jobId, UUID documentId, String source, String action, String status, String error,
                      int attempts, int chunksTotal, int chunksEmbedded, int chunksReused, UUID supersededBy,
                      Instant createdAt, Instant startedAt, Instant finishedAt) {

    static JobView of(IngestionJob job) {
        return new JobView(job.id(), job.documentId(), job.source(), job.action(), job.status().wire(), job.error(),
                job.attempts(), job.chunksTotal(), job.chunksEmbedded(), job.chunksReused(), job.supersededBy(),
                job.createdAt(), job.startedAt(), job.finishedAt());
    }
}

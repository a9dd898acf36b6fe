package dev.docent.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Ingestion jobs and stored originals through JPA. */
@ApplicationScoped
public class JobRepository {

    private final EntityManager em;

    @Inject
    public JobRepository(EntityManager em) {
        this.em = em;
    }

    /** For CDI's client proxy only. */
    protected JobRepository() {
        this(null);
    }

    public Optional<IngestionJob> find(UUID id) {
        return Optional.ofNullable(em.find(IngestionJob.class, id));
    }

    public Optional<IngestionJob> findForUpdate(UUID id) {
        return Optional.ofNullable(em.find(IngestionJob.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<IngestionJob> findByJmsMessageId(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        return em.createQuery("SELECT j FROM IngestionJob j WHERE j.jmsMessageId = :m", IngestionJob.class)
                .setParameter("m", messageId)
                .getResultStream().findFirst();
    }

    /** The jobs of messages sent with this correlation id, newest first (a sender may reuse one). */
    public List<IngestionJob> findByCorrelationId(String correlationId, int limit) {
        return em.createQuery("SELECT j FROM IngestionJob j WHERE j.correlationId = :c ORDER BY j.createdAt DESC",
                        IngestionJob.class)
                .setParameter("c", correlationId)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Jobs of a document that have not finished yet, locked. */
    public List<IngestionJob> unfinishedForUpdate(UUID documentId) {
        return em.createQuery("SELECT j FROM IngestionJob j WHERE j.documentId = :d AND j.status IN ('queued', 'processing')",
                        IngestionJob.class)
                .setParameter("d", documentId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /** Processing jobs whose worker was last heard from before {@code cutoff}, oldest first. */
    public List<UUID> stalled(Instant cutoff, int limit) {
        return em.createQuery("SELECT j.id FROM IngestionJob j WHERE j.status = 'processing' "
                        + "AND j.heartbeatAt < :cutoff ORDER BY j.heartbeatAt", UUID.class)
                .setParameter("cutoff", cutoff)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The latest jobs, newest first, in one status (stalled: processing without a recent heartbeat) or any. */
    public List<IngestionJob> latest(String status, Instant stallCutoff, int limit) {
        String where = switch (status == null ? "" : status) {
            case "" -> "";
            case "stalled" -> "WHERE j.status = 'processing' AND j.heartbeatAt < :cutoff";
            case "processing" -> "WHERE j.status = 'processing' AND (j.heartbeatAt IS NULL OR j.heartbeatAt >= :cutoff)";
            default -> "WHERE j.status = :status";
        };
        var query = em.createQuery("SELECT j FROM IngestionJob j " + where + " ORDER BY j.createdAt DESC",
                IngestionJob.class).setMaxResults(limit);
        if (where.contains(":cutoff")) {
            query.setParameter("cutoff", stallCutoff);
        }
        if (where.contains(":status")) {
            query.setParameter("status", status);
        }
        return query.getResultList();
    }

    public void add(IngestionJob job) {
        em.persist(job);
    }

    public void add(StoredOriginal original) {
        em.persist(original);
    }

    public Optional<StoredOriginal> original(UUID id) {
        return Optional.ofNullable(em.find(StoredOriginal.class, id));
    }
}

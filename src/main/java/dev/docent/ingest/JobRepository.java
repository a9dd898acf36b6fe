package dev.docent.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
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
        return em.createQuery("SELECT j FROM IngestionJob j WHERE j.jmsMessageId = :m", IngestionJob.class)
                .setParameter("m", messageId)
                .getResultStream().findFirst();
    }

    /** Jobs of a document that have not finished yet, locked. */
    public List<IngestionJob> unfinishedForUpdate(UUID documentId) {
        return em.createQuery("SELECT j FROM IngestionJob j WHERE j.documentId = :d AND j.status IN ('queued', 'processing')",
                        IngestionJob.class)
                .setParameter("d", documentId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
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

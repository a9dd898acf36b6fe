package dev.docent.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
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

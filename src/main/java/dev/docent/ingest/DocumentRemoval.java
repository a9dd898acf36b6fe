package dev.docent.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Removes a document for good in the caller's transaction: its chunks go with it (cascade, logged for the keyword
 * index by the chunk trigger), and so do its stored originals, which nobody should be able to recover afterwards.
 */
@ApplicationScoped
public class DocumentRemoval {

    private final EntityManager em;

    @Inject
    public DocumentRemoval(EntityManager em) {
        this.em = em;
    }

    /** For CDI's client proxy only. */
    protected DocumentRemoval() {
        this(null);
    }

    /** Needs the system scope for the originals (nobody else may touch them). */
    public void remove(Document document) {
        em.createNativeQuery("DELETE FROM stored_original WHERE id IN "
                        + "(SELECT original_id FROM ingestion_job WHERE document_id = :id AND original_id IS NOT NULL)")
                .setParameter("id", document.id())
                .executeUpdate();
        em.remove(document);
        em.flush();
    }
}

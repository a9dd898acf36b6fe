package dev.docent.ingest;

import dev.docent.ingest.original.OriginalStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Removes a document for good in the caller's transaction: its chunks go with it (cascade, logged for the keyword
 * index by the chunk trigger), and so do its stored originals (in the object store, once the deletion has
 * committed), which nobody should be able to recover afterwards.
 */
@ApplicationScoped
public class DocumentRemoval {

    private static final String ORIGINALS =
            "(SELECT original_id FROM ingestion_job WHERE document_id = :id AND original_id IS NOT NULL)";

    private final EntityManager em;
    private final OriginalStorage originals;

    @Inject
    public DocumentRemoval(EntityManager em, OriginalStorage originals) {
        this.em = em;
        this.originals = originals;
    }

    /** For CDI's client proxy only. */
    protected DocumentRemoval() {
        this(null, null);
    }

    /** Needs the system scope for the originals (nobody else may touch them). */
    @SuppressWarnings("unchecked")
    public void remove(Document document) {
        List<String> objectKeys = em.createNativeQuery("SELECT object_key FROM stored_original WHERE id IN "
                        + ORIGINALS + " AND object_key IS NOT NULL")
                .setParameter("id", document.id())
                .getResultList();
        em.createNativeQuery("DELETE FROM stored_original WHERE id IN " + ORIGINALS)
                .setParameter("id", document.id())
                .executeUpdate();
        originals.removeAfterCommit(objectKeys);
        em.remove(document);
        em.flush();
    }
}

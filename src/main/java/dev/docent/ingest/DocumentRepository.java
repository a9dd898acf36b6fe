package dev.docent.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Documents through JPA. Every method runs in the caller's transaction, whose row-level scope (a caller's groups
 * or the system) the service has set with {@link dev.docent.store.AclScope}; list queries filter by the caller's
 * groups themselves as well.
 */
@ApplicationScoped
public class DocumentRepository {

    private final EntityManager em;

    @Inject
    public DocumentRepository(EntityManager em) {
        this.em = em;
    }

    /** For CDI's client proxy only. */
    protected DocumentRepository() {
        this(null);
    }

    public Optional<Document> find(UUID id) {
        return Optional.ofNullable(em.find(Document.class, id));
    }

    public Optional<Document> findForUpdate(UUID id) {
        return Optional.ofNullable(em.find(Document.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<Document> findByExternalId(long collectionId, String externalId) {
        return em.createQuery("SELECT d FROM Document d WHERE d.collectionId = :c AND d.externalId = :e", Document.class)
                .setParameter("c", collectionId)
                .setParameter("e", externalId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    /** The names of the collections that hold a document with this external id, in order. */
    public List<String> collectionsHolding(String externalId) {
        return em.createQuery("SELECT c.name FROM Document d, DocumentCollection c WHERE c.id = d.collectionId "
                        + "AND d.externalId = :e ORDER BY c.name", String.class)
                .setParameter("e", externalId)
                .getResultList();
    }

    /**
     * The documents the caller's scope (set on this transaction) may read, newest first; optionally of one
     * collection. Found through docent_readable_documents (see its migration for why a function), then read under
     * row-level security.
     */
    public List<Document> readableInScope(Long collectionId, int offset, int limit) {
        String collection = collectionId == null ? "CAST(NULL AS bigint)" : ":collection";
        var query = em.createNativeQuery("SELECT d.* FROM docent_readable_documents(" + collection
                        + ", :limit, :offset) r JOIN document d ON d.id = r.document_id"
                        + " ORDER BY d.updated_at DESC, d.id", Document.class)
                .setParameter("limit", limit)
                .setParameter("offset", offset);
        if (collectionId != null) {
            query.setParameter("collection", collectionId);
        }
        @SuppressWarnings("unchecked")
        List<Document> documents = query.getResultList();
        return documents;
    }

    public void add(Document document) {
        em.persist(document);
    }
}

package dev.docent.collection;

import dev.docent.store.DatabaseUnavailableException;
import dev.docent.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Collections through JPA. Collections carry no content, so they need no row-level scope. */
@ApplicationScoped
public class CollectionRepository {

    private final EntityManager em;
    private final Map<String, Long> knownIds = new ConcurrentHashMap<>();

    @Inject
    public CollectionRepository(EntityManager em) {
        this.em = em;
    }

    /** For CDI's client proxy only. */
    protected CollectionRepository() {
        this(null);
    }

    public Optional<DocumentCollection> findByName(String name) {
        return em.createQuery("SELECT c FROM DocumentCollection c WHERE c.name = :name", DocumentCollection.class)
                .setParameter("name", name)
                .getResultStream().findFirst();
    }

    /**
     * Names to ids; an unknown name is the caller's mistake (404), not an empty result. Collections are never
     * renamed or removed, so an id once found is remembered and not looked up again: that saves a query on every
     * search and question (about 1.4 ms of a dense search's 17, profiled), and with the database away, questions that
     * name a collection can still be answered (degraded) from the keyword index. In a transaction of its own when
     * the caller has none (a search, a question): an EntityManager used outside one is closed when Liberty's local
     * transaction ends, too late to release its connection cleanly, and every such request logged J2CA0026E and
     * DSRA9400E with their stack traces and FFDC incidents.
     */
    @Transactional
    public List<Long> idsOf(List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(idOf(name));
        }
        return ids;
    }

    private long idOf(String name) {
        Long known = knownIds.get(name);
        if (known != null) {
            return known;
        }
        try {
            long id = findByName(name).map(DocumentCollection::id)
                    .orElseThrow(() -> ApiException.notFound("Collection '" + name + "'"));
            knownIds.put(name, id);
            return id;
        } catch (PersistenceException e) {
            throw new DatabaseUnavailableException("The document store is not reachable right now.", e);
        }
    }

    public Optional<DocumentCollection> find(long id) {
        return Optional.ofNullable(em.find(DocumentCollection.class, id));
    }

    public List<DocumentCollection> all() {
        return em.createQuery("SELECT c FROM DocumentCollection c ORDER BY c.name", DocumentCollection.class)
                .getResultList();
    }

    public void add(DocumentCollection collection) {
        em.persist(collection);
    }
}

package dev.docent.collection;

import dev.docent.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collections through JPA. Collections carry no content, so they need no row-level scope. */
@ApplicationScoped
public class CollectionRepository {

    private final EntityManager em;

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

    /** Names to ids; an unknown name is the caller's mistake (404), not an empty result. */
    public List<Long> idsOf(List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(findByName(name).map(DocumentCollection::id)
                    .orElseThrow(() -> ApiException.notFound("Collection '" + name + "'")));
        }
        return ids;
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

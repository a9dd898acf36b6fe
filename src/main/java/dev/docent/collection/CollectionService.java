package dev.docent.collection;

import dev.docent.observe.AuditLog;
import dev.docent.security.Caller;
import dev.docent.security.Roles;
import dev.docent.store.AclScope;
import dev.docent.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creating (admins) and listing collections; counts include only documents the caller may read. Collections have no
 * ACL of their own, but a name can say more than it should ("acquisition-2027"), so a caller who is not an admin sees
 * the default collection and those holding a document they may read; an admin sees them all.
 */
@ApplicationScoped
public class CollectionService {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private final EntityManager em;
    private final CollectionRepository collections;
    private final AuditLog audit;

    private final String defaultCollection;

    @Inject
    public CollectionService(EntityManager em, CollectionRepository collections, AuditLog audit,
                             @ConfigProperty(name = "docent.collection.default", defaultValue = "general")
                             String defaultCollection) {
        this.em = em;
        this.collections = collections;
        this.audit = audit;
        this.defaultCollection = defaultCollection;
    }

    /** For CDI's client proxy only. */
    protected CollectionService() {
        this(null, null, null, "general");
    }

    @Transactional
    public CollectionView create(String name, String description, Integer defaultTtlDays, Caller caller) {
        Roles.requireAdmin(caller);
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name must be 1-63 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit.");
        }
        if (defaultTtlDays != null && (defaultTtlDays < 1 || defaultTtlDays > 36_500)) {
            throw ApiException.badRequest("defaultTtlDays must be between 1 and 36500.");
        }
        if (description != null && description.length() > 2000) {
            throw ApiException.badRequest("description is longer than 2000 characters.");
        }
        if (collections.findByName(name).isPresent()) {
            throw new ApiException(409, "conflict", "Collection '" + name + "' already exists.");
        }
        DocumentCollection collection = new DocumentCollection(name, description, defaultTtlDays, caller.user());
        collections.add(collection);
        audit.record(caller.user(), "collection.create", "collection:" + name,
                "defaultTtlDays=" + defaultTtlDays);
        return view(collection, 0);
    }

    @Transactional
    public List<CollectionView> list(Caller caller) {
        AclScope.forCaller(em, caller);
        Map<Long, Long> counts = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        // Through the ACL index, for the caller's scope only (see the function's migration).
                        "SELECT collection_id, documents FROM docent_readable_document_counts()")
                .getResultList();
        for (Object[] row : rows) {
            counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
        return collections.all().stream()
                .filter(c -> caller.admin() || counts.containsKey(c.id()) || c.name().equals(defaultCollection))
                .map(c -> view(c, counts.getOrDefault(c.id(), 0L))).toList();
    }

    private static CollectionView view(DocumentCollection c, long documents) {
        return new CollectionView(c.name(), c.description(), c.defaultTtlDays(), documents, c.createdAt());
    }
}

package dev.docent.observe;

import dev.docent.store.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The audit trail of admin actions and ACL changes. An entry joins the transaction of the change it records, so
 * the two are written together or not at all. The application may add entries, never change or remove them.
 */
@ApplicationScoped
public class AuditLog {

    /** One entry as the API shows it. */
    public record Entry(long id, Instant at, String actor, String action, String target, String details) {
    }

    private final EntityManager em;

    @Inject
    public AuditLog(EntityManager em) {
        this.em = em;
    }

    /** For CDI's client proxy only. */
    protected AuditLog() {
        this(null);
    }

    @Transactional
    public void record(String actor, String action, String target, String details) {
        em.createNativeQuery("INSERT INTO audit_log (actor, action, target, details) VALUES (:a, :b, :t, :d)")
                .setParameter("a", actor)
                .setParameter("b", action)
                .setParameter("t", target)
                .setParameter("d", details)
                .executeUpdate();
    }

    @Transactional
    public List<Entry> recent(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT id, at, actor, action, target, details FROM audit_log ORDER BY id DESC LIMIT :n")
                .setParameter("n", limit)
                .getResultList();
        return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), SqlValues.instant(r[1]), (String) r[2],
                (String) r[3], (String) r[4], (String) r[5])).toList();
    }
}

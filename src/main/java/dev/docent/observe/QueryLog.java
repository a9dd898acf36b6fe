package dev.docent.observe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Records answered questions, each in its own transaction. */
@ApplicationScoped
public class QueryLog {

    private final EntityManager em;

    @Inject
    public QueryLog(EntityManager em) {
        this.em = em;
    }

    /** For CDI's client proxy only. */
    protected QueryLog() {
        this(null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(QueryLogEntry entry) {
        em.persist(entry);
    }
}

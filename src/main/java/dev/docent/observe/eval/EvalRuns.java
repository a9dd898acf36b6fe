package dev.docent.observe.eval;

import dev.docent.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;

/** Stores and lists evaluation runs. */
@ApplicationScoped
public class EvalRuns {

    private static final Set<String> MODES = Set.of("dense", "bm25", "hybrid");

    private final EntityManager em;

    @Inject
    public EvalRuns(EntityManager em) {
        this.em = em;
    }

    /** For CDI's client proxy only. */
    protected EvalRuns() {
        this(null);
    }

    @Transactional
    public EvalRunView record(EvalRunView run, String user) {
        if (run == null || run.dataset() == null || run.dataset().isBlank() || run.mode() == null
                || !MODES.contains(run.mode())
                || run.queries() < 1) {
            throw ApiException.badRequest("An evaluation run needs dataset, mode (dense, bm25 or hybrid) and queries.");
        }
        EvalRun stored = new EvalRun(run, user);
        em.persist(stored);
        return stored.view();
    }

    @Transactional
    public List<EvalRunView> recent(int limit) {
        return em.createQuery("SELECT r FROM EvalRun r ORDER BY r.createdAt DESC", EvalRun.class)
                .setMaxResults(limit)
                .getResultList().stream().map(EvalRun::view).toList();
    }
}

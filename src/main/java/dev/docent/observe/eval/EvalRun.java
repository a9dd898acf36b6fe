package dev.docent.observe.eval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One run of the evaluation harness over a dataset in one retrieval mode, with the standard metrics. */
@Entity
@Table(name = "eval_run")
public class EvalRun {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String dataset;

    @Column(nullable = false)
    private String mode;

    private int queries;

    private int documents;

    @Column(name = "hit_at_1")
    private float hitAt1;

    @Column(name = "hit_at_5")
    private float hitAt5;

    @Column(name = "hit_at_10")
    private float hitAt10;

    @Column(name = "mrr_at_10")
    private float mrrAt10;

    @Column(name = "ndcg_at_10")
    private float ndcgAt10;

    @Column(name = "recall_at_100")
    private float recallAt100;

    @Column(name = "took_ms")
    private long tookMs;

    private String details;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected EvalRun() {
    }

    public EvalRun(EvalRunView view, String createdBy) {
        this.id = UUID.randomUUID();
        this.dataset = view.dataset();
        this.mode = view.mode();
        this.queries = view.queries();
        this.documents = view.documents();
        this.hitAt1 = (float) view.hitAt1();
        this.hitAt5 = (float) view.hitAt5();
        this.hitAt10 = (float) view.hitAt10();
        this.mrrAt10 = (float) view.mrrAt10();
        this.ndcgAt10 = (float) view.ndcgAt10();
        this.recallAt100 = (float) view.recallAt100();
        this.tookMs = view.tookMs();
        this.details = view.details();
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
    }

    public EvalRunView view() {
        return new EvalRunView(id, dataset, mode, queries, documents, hitAt1, hitAt5, hitAt10, mrrAt10, ndcgAt10,
                recallAt100, tookMs, details, createdBy, createdAt);
    }
}

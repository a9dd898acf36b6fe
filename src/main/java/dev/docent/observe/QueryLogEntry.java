package dev.docent.observe;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One answered question: who asked (the question as the guardrails left it, so without blocked or redacted data),
 * how it was answered, where, how long it took and what it cost.
 */
@Entity
@Table(name = "query_log")
public class QueryLogEntry {

    @Id
    private UUID id;

    @Column(name = "user_name", nullable = false)
    private String userName;

    @Column(nullable = false)
    private String question;

    @Column(nullable = false)
    private String route;

    private boolean answered;

    @Column(name = "source_count")
    private int sourceCount;

    @Column(name = "top_score")
    private Float topScore;

    @Column(name = "latency_ms")
    private int latencyMs;

    @Column(name = "input_tokens")
    private int inputTokens;

    @Column(name = "output_tokens")
    private int outputTokens;

    private BigDecimal cost;

    @Column(name = "collection_ids")
    private Long[] collectionIds;

    private boolean cached;

    private String generator;

    private String guardrails;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected QueryLogEntry() {
    }

    /** What the pipeline knows when an answer is complete. */
    public record Facts(UUID id, String user, String question, String route, boolean answered, int sourceCount,
                        Float topScore, int latencyMs, int inputTokens, int outputTokens, double cost,
                        List<Long> collectionIds, boolean cached, String generator, String guardrails) {
    }

    public QueryLogEntry(Facts facts) {
        this.id = facts.id();
        this.userName = facts.user();
        this.question = facts.question();
        this.route = facts.route();
        this.answered = facts.answered();
        this.sourceCount = facts.sourceCount();
        this.topScore = facts.topScore();
        this.latencyMs = facts.latencyMs();
        this.inputTokens = facts.inputTokens();
        this.outputTokens = facts.outputTokens();
        this.cost = BigDecimal.valueOf(facts.cost());
        this.collectionIds = facts.collectionIds().toArray(Long[]::new);
        this.cached = facts.cached();
        this.generator = facts.generator();
        this.guardrails = facts.guardrails();
        this.createdAt = Instant.now();
    }
}

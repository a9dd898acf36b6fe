package dev.docent.observe;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One answered question: who asked, how it was answered, how long it took and what it cost. */
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

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected QueryLogEntry() {
    }

    public QueryLogEntry(UUID id, String userName, String question, String route, boolean answered, int sourceCount,
                  Float topScore, int latencyMs, int inputTokens, int outputTokens) {
        this.id = id;
        this.userName = userName;
        this.question = question;
        this.route = route;
        this.answered = answered;
        this.sourceCount = sourceCount;
        this.topScore = topScore;
        this.latencyMs = latencyMs;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.createdAt = Instant.now();
    }
}

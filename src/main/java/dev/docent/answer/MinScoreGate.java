package dev.docent.answer;

import dev.docent.search.RetrievedChunk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The default {@link RelevanceGate}: passages whose cosine similarity to the question reaches the threshold, whatever
 * retriever found them. The default is calibrated on SciFact (see docs/RELEVANCE.md).
 */
@ApplicationScoped
public class MinScoreGate implements RelevanceGate {

    private final double minScore;

    @Inject
    public MinScoreGate(@ConfigProperty(name = "docent.answer.min-score", defaultValue = "0.65") double minScore) {
        this.minScore = minScore;
    }

    /** For CDI's client proxy only. */
    protected MinScoreGate() {
        this(0);
    }

    @Override
    public List<RetrievedChunk> relevant(List<RetrievedChunk> retrieved) {
        return retrieved.stream().filter(chunk -> chunk.similarity() >= minScore).toList();
    }

    @Override
    public double minScore() {
        return minScore;
    }
}

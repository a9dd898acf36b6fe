package dev.docent.answer;

import dev.docent.search.RetrievedChunk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps only passages relevant enough to answer from: those whose cosine similarity to the question reaches the
 * threshold, whatever retriever found them. Below it Docent says it does not know rather than answer from something
 * unrelated. The default is calibrated on SciFact (see docs/RELEVANCE.md).
 */
@ApplicationScoped
public class RelevanceGate {

    private final double minScore;

    @Inject
    public RelevanceGate(@ConfigProperty(name = "docent.answer.min-score", defaultValue = "0.65") double minScore) {
        this.minScore = minScore;
    }

    /** For CDI's client proxy only. */
    protected RelevanceGate() {
        this(0);
    }

    public List<RetrievedChunk> relevant(List<RetrievedChunk> retrieved) {
        return retrieved.stream().filter(chunk -> chunk.similarity() >= minScore).toList();
    }

    public double minScore() {
        return minScore;
    }
}

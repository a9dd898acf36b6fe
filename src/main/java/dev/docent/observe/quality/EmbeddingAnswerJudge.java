package dev.docent.observe.quality;

import dev.docent.embed.SentenceVectors;
import dev.docent.embed.Vectors;
import dev.docent.search.RetrievedChunk;
import dev.docent.text.Sentences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Judges with the embedding model. A sentence of the answer counts as supported when some sentence of the context
 * says nearly the same (cosine similarity at least {@code docent.quality.support-min-similarity}); answer relevance
 * is the similarity of the whole answer to the question.
 */
@ApplicationScoped
public class EmbeddingAnswerJudge implements AnswerJudge {

    public static final String NAME = "embedding";
    private static final int MAX_CONTEXT_SENTENCES = 80;

    private final SentenceVectors sentenceVectors;
    private final double supportThreshold;

    @Inject
    public EmbeddingAnswerJudge(SentenceVectors sentenceVectors,
                                @ConfigProperty(name = "docent.quality.support-min-similarity", defaultValue = "0.80")
                                double supportThreshold) {
        this.sentenceVectors = sentenceVectors;
        this.supportThreshold = supportThreshold;
    }

    /** For CDI's client proxy only. */
    protected EmbeddingAnswerJudge() {
        this(null, 1);
    }

    @Override
    public Judgement judge(String question, float[] questionVector, String answer, List<RetrievedChunk> context) {
        String plain = withoutCitations(answer);
        List<String> claims = Sentences.split(plain);
        List<String> evidence = new ArrayList<>();
        for (RetrievedChunk chunk : context) {
            for (String sentence : Sentences.split(chunk.text())) {
                if (evidence.size() < MAX_CONTEXT_SENTENCES) {
                    // As the extractive answer writes them, so that the vectors it used are found again.
                    evidence.add(sentence.replaceAll("\\s+", " "));
                }
            }
        }
        if (claims.isEmpty()) {
            return new Judgement(0, 0, NAME);
        }
        List<String> texts = new ArrayList<>(claims);
        texts.addAll(evidence);
        texts.add(plain);
        List<float[]> vectors = sentenceVectors.of(texts);
        int supported = 0;
        for (int c = 0; c < claims.size(); c++) {
            double best = -1;
            for (int e = 0; e < evidence.size(); e++) {
                best = Math.max(best, Vectors.dot(vectors.get(c), vectors.get(claims.size() + e)));
            }
            if (best >= supportThreshold) {
                supported++;
            }
        }
        double relevance = Math.max(0, Vectors.dot(questionVector, vectors.get(vectors.size() - 1)));
        return new Judgement((double) supported / claims.size(), relevance, NAME);
    }

    static String withoutCitations(String answer) {
        return answer.replaceAll("\\s*\\[\\d+]", "").strip();
    }
}

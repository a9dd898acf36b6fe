package dev.docent.answer;

import dev.docent.embed.SentenceVectors;
import dev.docent.embed.Vectors;
import dev.docent.search.RetrievedChunk;
import dev.docent.text.Sentences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The default generator, which needs no language model: it answers with the sentences of the top sources that
 * are closest in meaning to the question (by the same embedding model), each followed by its source's number.
 * It can only ever say what the documents say.
 */
@ApplicationScoped
public class ExtractiveAnswerGenerator implements AnswerGenerator {

    private static final int MIN_SENTENCE_CHARS = 20;

    private final SentenceVectors sentenceVectors;
    private final int maxSources;
    private final int maxCandidates;
    private final int maxSentences;
    private final int maxChars;
    private final double focus;

    @Inject
    public ExtractiveAnswerGenerator(
            SentenceVectors sentenceVectors,
            @ConfigProperty(name = "docent.extractive.max-sources", defaultValue = "3") int maxSources,
            @ConfigProperty(name = "docent.extractive.max-candidates", defaultValue = "30") int maxCandidates,
            @ConfigProperty(name = "docent.extractive.max-sentences", defaultValue = "3") int maxSentences,
            @ConfigProperty(name = "docent.extractive.max-chars", defaultValue = "700") int maxChars,
            @ConfigProperty(name = "docent.extractive.focus", defaultValue = "0.08") double focus) {
        this.sentenceVectors = sentenceVectors;
        this.maxSources = maxSources;
        this.maxCandidates = maxCandidates;
        this.maxSentences = maxSentences;
        this.maxChars = maxChars;
        this.focus = focus;
    }

    /** For CDI's client proxy only. */
    protected ExtractiveAnswerGenerator() {
        this(null, 0, 0, 0, 0, 0);
    }

    /** A sentence of source {@code source} (0-based), at {@code position} within it. */
    record Candidate(int source, int position, String text) {
    }

    record Scored(Candidate candidate, double score) {
    }

    @Override
    public String id() {
        return "extractive:" + maxSources + ":" + maxCandidates + ":" + maxSentences + ":" + maxChars + ":" + focus;
    }

    @Override
    public Generated generate(String question, float[] questionVector, List<RetrievedChunk> sources,
                              Consumer<String> tokens) {
        List<Candidate> candidates = candidates(sources);
        List<float[]> vectors = sentenceVectors.of(candidates.stream().map(Candidate::text).toList());
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            scored.add(new Scored(candidates.get(i), Vectors.dot(questionVector, vectors.get(i))));
        }
        String answer = compose(select(scored));
        return new Generated(TokenStream.emit(answer, tokens), Usage.NONE, true, false);
    }

    List<Candidate> candidates(List<RetrievedChunk> sources) {
        List<Candidate> candidates = new ArrayList<>();
        for (int s = 0; s < Math.min(maxSources, sources.size()); s++) {
            List<String> sentences = Sentences.split(sources.get(s).text());
            for (int p = 0; p < sentences.size() && candidates.size() < maxCandidates; p++) {
                String sentence = sentences.get(p).replaceAll("\\s+", " ");
                if (sentence.length() >= MIN_SENTENCE_CHARS || sentences.size() == 1) {
                    candidates.add(new Candidate(s, p, sentence));
                }
            }
        }
        if (candidates.isEmpty() && !sources.isEmpty()) {
            // Only fragments: the best passage itself is the answer.
            candidates.add(new Candidate(0, 0, sources.get(0).text().replaceAll("\\s+", " ").strip()));
        }
        return candidates;
    }

    /**
     * The best sentences, while they stay within {@code focus} of the best one and the answer stays short; then
     * back in reading order.
     */
    List<Candidate> select(List<Scored> scored) {
        List<Scored> ranked = new ArrayList<>(scored);
        ranked.sort(Comparator.comparingDouble(Scored::score).reversed());
        List<Candidate> chosen = new ArrayList<>();
        int chars = 0;
        for (Scored s : ranked) {
            if (chosen.size() == maxSentences || s.score() < ranked.get(0).score() - focus) {
                break;
            }
            if (!chosen.isEmpty() && chars + s.candidate().text().length() > maxChars) {
                continue;
            }
            chosen.add(s.candidate());
            chars += s.candidate().text().length();
        }
        chosen.sort(Comparator.comparingInt(Candidate::source).thenComparingInt(Candidate::position));
        return chosen;
    }

    static String compose(List<Candidate> sentences) {
        StringBuilder answer = new StringBuilder();
        for (Candidate sentence : sentences) {
            if (answer.length() > 0) {
                answer.append(' ');
            }
            answer.append(sentence.text()).append(" [").append(sentence.source() + 1).append(']');
        }
        return answer.toString();
    }
}

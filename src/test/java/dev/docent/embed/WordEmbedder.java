package dev.docent.embed;

import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.mockito.Mockito;

/**
 * For unit tests: bag-of-words vectors, so that texts sharing words are close and results can be worked out by
 * hand. Never a stand-in for the real model in an integration test.
 */
public final class WordEmbedder implements Embedder {

    private static final int DIMENSION = 256;

    /** Sentence vectors over this embedder, keeping none, with metrics that count nothing. */
    public static SentenceVectors sentenceVectors() {
        return new SentenceVectors(new WordEmbedder(), Mockito.mock(MetricRegistry.class, Mockito.RETURNS_DEEP_STUBS),
                0);
    }

    @Override
    public float[] embedQuery(String query) {
        return vector(query);
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
        return passages.stream().map(WordEmbedder::vector).toList();
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public boolean ready() {
        return true;
    }

    public static float[] vector(String text) {
        float[] v = new float[DIMENSION];
        for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (word.length() > 3) {
                v[Math.floorMod(word.hashCode(), DIMENSION)] += 1;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int i = 0; i < v.length && norm > 0; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}

package dev.docent.embed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Vectors of the sentences answers are made from and judged by, kept for the most recently used
 * {@code docent.embed.sentence-cache} of them: the passages that answer questions keep coming back, and without this
 * each of their sentences costs a model call (3-5 ms here) for every question. Keyed by the exact text, so a kept
 * vector is the one the model would give. Vectors handed out are shared: read them, never write them.
 */
@ApplicationScoped
public class SentenceVectors {

    private final Embedder embedder;
    private final MetricRegistry metrics;
    private final int capacity;
    private final Map<String, float[]> recent;

    @Inject
    public SentenceVectors(Embedder embedder, MetricRegistry metrics,
                           @ConfigProperty(name = "docent.embed.sentence-cache", defaultValue = "20000") int capacity) {
        this.embedder = embedder;
        this.metrics = metrics;
        this.capacity = capacity;
        this.recent = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        });
    }

    /** For CDI's client proxy only. */
    protected SentenceVectors() {
        this(null, null, 0);
    }

    /** The sentences' vectors, in order; only those not kept are embedded, each once. */
    public List<float[]> of(List<String> sentences) {
        float[][] vectors = new float[sentences.size()][];
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < sentences.size(); i++) {
            float[] kept = capacity > 0 ? recent.get(sentences.get(i)) : null;
            if (kept != null) {
                vectors[i] = kept;
            } else {
                missing.computeIfAbsent(sentences.get(i), text -> new ArrayList<>()).add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<String> texts = List.copyOf(missing.keySet());
            List<float[]> embedded = embedder.embedPassages(texts);
            for (int t = 0; t < texts.size(); t++) {
                if (capacity > 0) {
                    recent.put(texts.get(t), embedded.get(t));
                }
                for (int at : missing.get(texts.get(t))) {
                    vectors[at] = embedded.get(t);
                }
            }
        }
        metrics.counter("docent_sentence_vectors_total", new Tag("outcome", "kept"))
                .inc(sentences.size() - missing.values().stream().mapToInt(List::size).sum());
        metrics.counter("docent_sentence_vectors_total", new Tag("outcome", "embedded")).inc(missing.size());
        return Arrays.asList(vectors);
    }

    /** Forgets every kept vector (an administrator's cache flush). */
    public void clear() {
        recent.clear();
    }
}

package dev.docent.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class SentenceVectorsTest {

    /** Records what reaches the model. */
    private static final class CountingEmbedder implements Embedder {
        final List<String> embedded = new ArrayList<>();
        final WordEmbedder words = new WordEmbedder();

        @Override
        public float[] embedQuery(String query) {
            return words.embedQuery(query);
        }

        @Override
        public List<float[]> embedPassages(List<String> passages) {
            embedded.addAll(passages);
            return words.embedPassages(passages);
        }

        @Override
        public int dimension() {
            return words.dimension();
        }

        @Override
        public boolean ready() {
            return true;
        }
    }

    private final CountingEmbedder model = new CountingEmbedder();
    private final MetricRegistry metrics = Mockito.mock(MetricRegistry.class, Mockito.RETURNS_DEEP_STUBS);

    @Test
    void onlySentencesNotKeptReachTheModelEachOnceAndInOrder() {
        SentenceVectors vectors = new SentenceVectors(model, metrics, 100);

        List<float[]> first = vectors.of(List.of("pages are answered within minutes", "deployments need approvals",
                "pages are answered within minutes"));
        List<float[]> second = vectors.of(List.of("rollbacks are announced", "deployments need approvals"));

        assertThat(model.embedded).containsExactly("pages are answered within minutes", "deployments need approvals",
                "rollbacks are announced");
        assertThat(first.get(0)).isEqualTo(WordEmbedder.vector("pages are answered within minutes"))
                .isSameAs(first.get(2));
        assertThat(second.get(0)).isEqualTo(WordEmbedder.vector("rollbacks are announced"));
        assertThat(second.get(1)).isSameAs(first.get(1));
    }

    @Test
    void theLeastRecentlyUsedGoFirstAFlushForgetsAllAndNoneAreKeptAtZero() {
        SentenceVectors two = new SentenceVectors(model, metrics, 2);
        two.of(List.of("first sentence here", "second sentence here"));
        two.of(List.of("first sentence here"));
        two.of(List.of("third sentence here"));
        two.of(List.of("first sentence here", "second sentence here"));
        assertThat(model.embedded).containsExactly("first sentence here", "second sentence here",
                "third sentence here", "second sentence here");

        model.embedded.clear();
        two.clear();
        two.of(List.of("first sentence here"));
        assertThat(model.embedded).containsExactly("first sentence here");

        model.embedded.clear();
        SentenceVectors none = new SentenceVectors(model, metrics, 0);
        none.of(List.of("first sentence here"));
        none.of(List.of("first sentence here"));
        assertThat(model.embedded).containsExactly("first sentence here", "first sentence here");
    }
}

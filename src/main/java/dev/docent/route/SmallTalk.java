package dev.docent.route;

import dev.docent.embed.Vectors;
import dev.docent.embed.Embedder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recognises greetings, thanks, farewells and questions about Docent itself by their meaning: a short message
 * whose embedding is close to one of a few examples. On bge-small, small talk scored 0.81-0.96 against the
 * examples and short work questions at most 0.77 ("thanks page for donors"), hence the default of 0.80.
 */
@ApplicationScoped
public class SmallTalk {

    private static final Map<String, List<String>> EXAMPLES = Map.of(
            "Hello! Ask me anything about your organization's documents; I answer from them and cite my sources.",
            List.of("hi", "hello", "hi there", "hey", "good morning", "good afternoon", "good evening"),
            "You're welcome!",
            List.of("thanks", "thank you", "thanks a lot", "great, thanks"),
            "Goodbye!",
            List.of("bye", "goodbye", "see you later"),
            "I'm Docent. I answer questions from your organization's documents, cite where each answer comes from, "
                    + "and say so when they do not hold the answer.",
            List.of("who are you", "what can you do", "how are you"));

    private record Example(String reply, float[] vector) {
    }

    private final Embedder embedder;
    private final double minScore;
    private final int maxWords;
    private volatile List<Example> examples;

    @Inject
    public SmallTalk(Embedder embedder,
                     @ConfigProperty(name = "docent.route.smalltalk-min-score", defaultValue = "0.80") double minScore,
                     @ConfigProperty(name = "docent.route.smalltalk-max-words", defaultValue = "6") int maxWords) {
        this.embedder = embedder;
        this.minScore = minScore;
        this.maxWords = maxWords;
    }

    /** For CDI's client proxy only. */
    protected SmallTalk() {
        this(null, 1, 0);
    }

    /** The reply, when the message is small talk. */
    public Optional<String> reply(String question, float[] vector) {
        if (question.strip().split("\\s+").length > maxWords) {
            return Optional.empty();
        }
        Example best = null;
        double bestScore = -1;
        for (Example example : examples()) {
            double score = Vectors.dot(vector, example.vector());
            if (score > bestScore) {
                bestScore = score;
                best = example;
            }
        }
        return bestScore >= minScore ? Optional.of(best.reply()) : Optional.empty();
    }

    private List<Example> examples() {
        List<Example> current = examples;
        if (current == null) {
            List<Example> built = new ArrayList<>();
            EXAMPLES.forEach((reply, phrases) -> phrases.forEach(
                    phrase -> built.add(new Example(reply, embedder.embedQuery(phrase)))));
            examples = current = List.copyOf(built);
        }
        return current;
    }
}

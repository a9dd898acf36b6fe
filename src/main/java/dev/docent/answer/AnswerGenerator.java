package dev.docent.answer;

import dev.docent.search.RetrievedChunk;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the answer to a question from numbered sources, citing them as [n] (n = position in {@code sources},
 * from 1), and hands each token to {@code tokens} as it is produced.
 */
public interface AnswerGenerator {

    /** What answers depend on (generator, model, prompt): part of the cache key. */
    String id();

    Generated generate(String question, float[] questionVector, List<RetrievedChunk> sources, Consumer<String> tokens);

    /**
     * The answer and what it cost. {@code grounded}: it cites its sources as required; {@code fallback}: the
     * generator could not be reached and the text says so.
     */
    record Generated(String text, Usage usage, boolean grounded, boolean fallback) {
    }
}

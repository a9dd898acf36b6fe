package dev.docent.answer;

import dev.docent.search.RetrievedChunk;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the answer to a question from numbered sources, citing them as [n] (n = position in {@code sources},
 * from 1), and hands each token to {@code tokens} as it is produced.
 */
public interface AnswerGenerator {

    Generated generate(String question, float[] questionVector, List<RetrievedChunk> sources, Consumer<String> tokens);

    /** The full answer text and what it cost. */
    record Generated(String text, Usage usage) {
    }
}

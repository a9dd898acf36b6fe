package dev.docent.embed;

import java.util.List;

/**
 * Turns text into unit-length vectors. The default is bge-small-en-v1.5 (INT8 ONNX) in process; a larger model or
 * a remote embedding service can take its place behind this interface.
 */
public interface Embedder {

    /** A search query, with the model's query instruction when one is configured. */
    float[] embedQuery(String query);

    /**
     * One sentence as it is, without the query instruction, on the caller's thread: for comparing it with sentences
     * of its own kind (a question with the questions in the answer cache), where BGE's instruction only adds tokens.
     */
    default float[] embedSentence(String sentence) {
        return embedPassages(List.of(sentence)).get(0);
    }

    /** True when {@link #embedQuery} embeds a query as {@link #embedSentence} would: no instruction configured. */
    default boolean queriesEmbedAsSentences() {
        return false;
    }

    /** Passages to be stored, in order. */
    List<float[]> embedPassages(List<String> passages);

    int dimension();

    /** True once the model is loaded and has answered once. */
    boolean ready();
}

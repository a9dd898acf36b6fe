package dev.docent.embed;

import java.util.List;

/**
 * Turns text into unit-length vectors. The default is bge-small-en-v1.5 (INT8 ONNX) in process; a larger model or
 * a remote embedding service can take its place behind this interface.
 */
public interface Embedder {

    /** A search query, with the model's query instruction when one is configured. */
    float[] embedQuery(String query);

    /** Passages to be stored, in order. */
    List<float[]> embedPassages(List<String> passages);

    int dimension();

    /** True once the model is loaded and has answered once. */
    boolean ready();
}

package dev.docent.search;

import java.util.UUID;

/** A search result as the API shows it. */
public record SearchHit(UUID documentId, String externalId, long chunkId, String title, double score,
                        String snippet) {

    private static final int SNIPPET_CHARS = 320;

    /** A search result, scored by what its mode ranked by (cosine, BM25 or fused rank score). */
    public static SearchHit of(RetrievedChunk chunk) {
        return new SearchHit(chunk.documentId(), chunk.externalId(), chunk.chunkId(), chunk.title(),
                round(chunk.score()), snippet(chunk.text()));
    }

    /** A source of an answer, scored by its similarity to the question: the relevance the answer rests on. */
    public static SearchHit source(RetrievedChunk chunk) {
        return new SearchHit(chunk.documentId(), chunk.externalId(), chunk.chunkId(), chunk.title(),
                round(chunk.similarity()), snippet(chunk.text()));
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }

    /** The start of the passage, cut at a word boundary. */
    static String snippet(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= SNIPPET_CHARS) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', SNIPPET_CHARS);
        return flat.substring(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS) + " ...";
    }
}

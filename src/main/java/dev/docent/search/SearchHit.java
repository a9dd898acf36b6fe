package dev.docent.search;

import java.util.UUID;

/** A search result as the API shows it. */
public record SearchHit(UUID documentId, String externalId, long chunkId, String title, double score,
                        String snippet) {

    private static final int SNIPPET_CHARS = 320;

    public static SearchHit of(RetrievedChunk chunk) {
        return new SearchHit(chunk.documentId(), chunk.externalId(), chunk.chunkId(), chunk.title(),
                Math.round(chunk.score() * 10_000) / 10_000.0, snippet(chunk.text()));
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

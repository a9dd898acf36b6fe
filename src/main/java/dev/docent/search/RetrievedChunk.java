package dev.docent.search;

import java.util.UUID;

/**
 * A passage found for a query, with the document it belongs to. {@code score} is what the retriever that found it
 * ranked by (cosine similarity, BM25, or a fused score); {@code similarity} is its cosine similarity to the
 * question, the measure of relevance the answer pipeline gates on (NaN until known).
 */
public record RetrievedChunk(long chunkId, UUID documentId, String externalId, String title, String heading,
                             String text, double score, double similarity) {

    public RetrievedChunk withScore(double newScore) {
        return new RetrievedChunk(chunkId, documentId, externalId, title, heading, text, newScore, similarity);
    }

    public RetrievedChunk withSimilarity(double newSimilarity) {
        return new RetrievedChunk(chunkId, documentId, externalId, title, heading, text, score, newSimilarity);
    }

    public boolean hasSimilarity() {
        return !Double.isNaN(similarity);
    }
}

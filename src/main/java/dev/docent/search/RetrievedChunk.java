package dev.docent.search;

import java.util.UUID;

/** A passage found for a query, with the document it belongs to and its relevance (cosine similarity). */
public record RetrievedChunk(long chunkId, UUID documentId, String externalId, String title, String heading,
                             String text, double score) {
}

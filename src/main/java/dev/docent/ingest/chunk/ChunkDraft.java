package dev.docent.ingest.chunk;

/**
 * A passage ready to embed. {@code embeddingText} is what the model sees (document title and section heading in
 * front of the text, which helps retrieval); its hash decides whether a stored vector can be reused.
 */
public record ChunkDraft(int ordinal, String heading, String text, String embeddingText, String hash, int tokenCount) {
}

package dev.docent.search;

import java.util.List;

/**
 * What retrieval found; {@code degraded} when PostgreSQL could not take part and the passages come from this node's
 * keyword index alone.
 */
public record Retrieval(List<RetrievedChunk> chunks, boolean degraded) {
}

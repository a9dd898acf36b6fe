package dev.docent.search.keyword;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the keyword index holds of a chunk: its words, and the ACL, collection and expiry it is filtered by. */
public record IndexedChunk(long chunkId, UUID documentId, String externalId, String title, String heading, String text,
                           long collectionId, List<String> aclGroups, Instant expiresAt) {
}

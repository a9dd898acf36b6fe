package dev.docent.search.keyword;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the keyword index holds of a chunk: its words, the ACL, collection and expiry it is filtered by, and its
 * embedding (null when unknown), so that relevance can be judged on this node when the database is away.
 */
public record IndexedChunk(long chunkId, UUID documentId, String externalId, String title, String heading, String text,
                           long collectionId, List<String> aclGroups, Instant expiresAt, float[] embedding) {

    public IndexedChunk(long chunkId, UUID documentId, String externalId, String title, String heading, String text,
                        long collectionId, List<String> aclGroups, Instant expiresAt) {
        this(chunkId, documentId, externalId, title, heading, text, collectionId, aclGroups, expiresAt, null);
    }
}

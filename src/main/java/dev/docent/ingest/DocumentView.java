package dev.docent.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A document as the API shows it. */
public record DocumentView(UUID documentId, String externalId, String collection, String title, List<String> groups,
                           String status, String contentType, int chunkCount, Instant expiresAt, UUID latestJobId,
                           String createdBy, Instant createdAt, Instant updatedAt) {

    static DocumentView of(Document document, String collectionName) {
        return new DocumentView(document.id(), document.externalId(), collectionName, document.title(),
                List.copyOf(document.aclGroups()), document.status().wire(), document.contentType(),
                document.chunkCount(), document.expiresAt(), document.latestJobId(), document.createdBy(),
                document.createdAt(), document.updatedAt());
    }
}

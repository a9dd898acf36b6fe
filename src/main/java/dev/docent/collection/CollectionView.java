package dev.docent.collection;

import java.time.Instant;

/** A collection as the API shows it; {@code documents} counts only what the caller may read. */
public record CollectionView(String name, String description, Integer defaultTtlDays, long documents,
                             Instant createdAt) {
}

package dev.docent.store;

import java.util.Set;

/**
 * A CDI event: a document's passages were written (its first version or a new one) and readable by these groups.
 * Fired in the writing transaction; observers that keep in-memory pictures of the store (what each group may read
 * where, what each collection is about) take it {@code during = AFTER_SUCCESS}, so that a collection's first
 * documents are routed to at once rather than after the next recount.
 */
public record PassagesWritten(long collectionId, Set<String> groups, int passages) {

    public PassagesWritten {
        groups = Set.copyOf(groups);
    }
}

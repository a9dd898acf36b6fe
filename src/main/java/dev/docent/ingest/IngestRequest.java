package dev.docent.ingest;

import java.util.Set;

/**
 * What a caller or a legacy system asks of a document, already validated: where it goes, its stable id in the
 * source system, its title, who may read it and how long it lives.
 */
public record IngestRequest(String collection, String externalId, String title, Set<String> groups, Integer ttlDays) {

    public IngestRequest {
        groups = Set.copyOf(groups);
    }
}

package dev.docent.ingest;

/** Where a document stands: the state of its latest ingestion. */
public enum DocumentStatus {
    QUEUED, PROCESSING, READY, FAILED;

    public String wire() {
        return name().toLowerCase();
    }
}

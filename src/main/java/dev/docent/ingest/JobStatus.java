package dev.docent.ingest;

/** The states of the ingestion contract: queued, processing, done, failed (with a reason). */
public enum JobStatus {
    QUEUED, PROCESSING, DONE, FAILED;

    public String wire() {
        return name().toLowerCase();
    }
}

package dev.docent.ingest.original;

/** Where originals go when they do not stay in PostgreSQL: an S3-compatible bucket. */
public interface ObjectStore {

    /** True when originals should be written here rather than to the database (read per upload). */
    boolean enabled();

    void put(String key, byte[] content, String contentType);

    byte[] get(String key);

    void delete(String key);
}

package dev.docent.ingest;

import dev.docent.ingest.original.OriginalStorage;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The bytes of an accepted file, stored before its job is queued so that a crash loses nothing. */
@Entity
@Table(name = "stored_original")
public class StoredOriginal {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String sha256;

    @Column(name = "content_type", nullable = false)
    private String contentType;

    @Column(name = "file_name")
    private String fileName;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    /** The bytes, unless they are in the object store under {@link #objectKey}. */
    @Basic(fetch = FetchType.LAZY)
    private byte[] content;

    @Column(name = "object_key")
    private String objectKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected StoredOriginal() {
    }

    public StoredOriginal(UUID id, String sha256, String contentType, String fileName, long sizeBytes,
                          OriginalStorage.Placement placement) {
        this.id = id;
        this.sha256 = sha256;
        this.contentType = contentType;
        this.fileName = fileName;
        this.sizeBytes = sizeBytes;
        this.content = placement.content();
        this.objectKey = placement.objectKey();
        this.createdAt = Instant.now();
    }

    public UUID id() {
        return id;
    }

    public String sha256() {
        return sha256;
    }

    public String contentType() {
        return contentType;
    }

    public String fileName() {
        return fileName;
    }

    /** The bytes, when they are kept in the row; see {@link OriginalStorage#read}. */
    public byte[] content() {
        return content;
    }

    public String objectKey() {
        return objectKey;
    }
}

package dev.docent.ingest;

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

    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] content;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected StoredOriginal() {
    }

    public StoredOriginal(String sha256, String contentType, String fileName, byte[] content) {
        this.id = UUID.randomUUID();
        this.sha256 = sha256;
        this.contentType = contentType;
        this.fileName = fileName;
        this.sizeBytes = content.length;
        this.content = content;
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

    public byte[] content() {
        return content;
    }
}

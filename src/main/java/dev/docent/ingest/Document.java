package dev.docent.ingest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A document as the intranet knows it: identified within its collection by the source system's external id,
 * readable by the members of its ACL groups. Its chunks hold the text and vectors; this row holds what was applied
 * last (content hash, groups, expiry) and the state of its latest ingestion.
 */
@Entity
@Table(name = "document")
public class Document {

    @Id
    private UUID id;

    @Column(name = "collection_id", nullable = false)
    private Long collectionId;

    @Column(name = "external_id", nullable = false)
    private String externalId;

    @Column(nullable = false)
    private String title;

    @Column(name = "content_type")
    private String contentType;

    @Column(name = "content_sha256")
    private String contentSha256;

    @Column(name = "acl_groups", nullable = false)
    private String[] aclGroups;

    @Column(name = "ttl_days")
    private Integer ttlDays;

    @Column(name = "expires_at")
    private Instant expiresAt;

    /** Stored as the API shows it (lower case); see {@link #status()}. */
    @Column(nullable = false)
    private String status;

    @Column(name = "original_id")
    private UUID originalId;

    @Column(name = "latest_job_id")
    private UUID latestJobId;

    @Column(name = "chunk_count", nullable = false)
    private int chunkCount;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Document() {
    }

    public Document(UUID id, Long collectionId, String externalId, String title, Set<String> aclGroups,
                    Integer ttlDays, String createdBy) {
        this.id = id;
        this.collectionId = collectionId;
        this.externalId = externalId;
        this.title = title;
        this.aclGroups = sorted(aclGroups);
        this.ttlDays = ttlDays;
        this.status = DocumentStatus.QUEUED.wire();
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    private static String[] sorted(Set<String> groups) {
        return new TreeSet<>(groups).toArray(String[]::new);
    }

    /** Records what an ingestion applied: content, title, groups and expiry now match the chunks. */
    public void applied(String contentSha256, String contentType, String title, Set<String> aclGroups, Integer ttlDays,
                        Instant expiresAt, UUID originalId, int chunkCount) {
        this.contentSha256 = contentSha256;
        this.contentType = contentType;
        this.title = title;
        this.aclGroups = sorted(aclGroups);
        this.ttlDays = ttlDays;
        this.expiresAt = expiresAt;
        this.originalId = originalId;
        this.chunkCount = chunkCount;
        this.status = DocumentStatus.READY.wire();
        this.updatedAt = Instant.now();
    }

    public void queued(UUID jobId) {
        this.latestJobId = jobId;
        if (!status.equals(DocumentStatus.READY.wire())) {
            this.status = DocumentStatus.QUEUED.wire();
        }
        this.updatedAt = Instant.now();
    }

    public void processing() {
        if (!status.equals(DocumentStatus.READY.wire())) {
            this.status = DocumentStatus.PROCESSING.wire();
        }
        this.updatedAt = Instant.now();
    }

    /** A failed re-ingestion leaves a ready document's previous chunks searchable; a new one is marked failed. */
    public void ingestionFailed() {
        if (!status.equals(DocumentStatus.READY.wire())) {
            this.status = DocumentStatus.FAILED.wire();
        }
        this.updatedAt = Instant.now();
    }

    public void changeAcl(Set<String> aclGroups) {
        this.aclGroups = sorted(aclGroups);
        this.updatedAt = Instant.now();
    }

    public UUID id() {
        return id;
    }

    public Long collectionId() {
        return collectionId;
    }

    public String externalId() {
        return externalId;
    }

    public String title() {
        return title;
    }

    public String contentType() {
        return contentType;
    }

    /** The original the applied version was made from (null while the first version is on its way). */
    public UUID originalId() {
        return originalId;
    }

    public String contentSha256() {
        return contentSha256;
    }

    public Set<String> aclGroups() {
        return new TreeSet<>(Arrays.asList(aclGroups));
    }

    public Integer ttlDays() {
        return ttlDays;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public DocumentStatus status() {
        return DocumentStatus.valueOf(status.toUpperCase());
    }

    public UUID latestJobId() {
        return latestJobId;
    }

    public int chunkCount() {
        return chunkCount;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}

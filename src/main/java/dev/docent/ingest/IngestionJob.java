package dev.docent.ingest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One request to change a document (upsert or delete), from an upload or a JMS message, with everything the worker
 * needs to carry it out and the outcome: done with chunk counts, or failed with the reason.
 */
@Entity
@Table(name = "ingestion_job")
public class IngestionJob {

    public static final String SOURCE_REST = "rest";
    public static final String SOURCE_JMS = "jms";
    public static final String ACTION_UPSERT = "upsert";
    public static final String ACTION_DELETE = "delete";
    /** Recorded as the creator of what legacy systems send; it gives no caller of that name any rights. */
    public static final String JMS_CREATOR = "jms";

    @Id
    private UUID id;

    @Column(name = "document_id")
    private UUID documentId;

    @Column(nullable = false)
    private String source;

    @Column(nullable = false)
    private String action;

    /** Stored as the API shows it (lower case); see {@link #status()}. */
    @Column(nullable = false)
    private String status;

    private String error;

    @Column(name = "collection_name")
    private String collectionName;

    @Column(name = "external_id")
    private String externalId;

    private String title;

    @Column(name = "acl_groups")
    private String[] aclGroups;

    @Column(name = "ttl_days")
    private Integer ttlDays;

    @Column(name = "content_type")
    private String contentType;

    @Column(name = "file_name")
    private String fileName;

    @Column(name = "content_sha256")
    private String contentSha256;

    @Column(name = "original_id")
    private UUID originalId;

    @Column(name = "jms_message_id")
    private String jmsMessageId;

    @Column(name = "correlation_id")
    private String correlationId;

    private int attempts;

    @Column(name = "chunks_total")
    private int chunksTotal;

    @Column(name = "chunks_embedded")
    private int chunksEmbedded;

    @Column(name = "chunks_reused")
    private int chunksReused;

    @Column(name = "superseded_by")
    private UUID supersededBy;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    protected IngestionJob() {
    }

    private IngestionJob(String source, String action, String createdBy) {
        this.id = UUID.randomUUID();
        this.source = source;
        this.action = action;
        this.status = JobStatus.QUEUED.wire();
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
    }

    public static IngestionJob upsert(String source, IngestRequest request, StoredOriginal original, String createdBy) {
        IngestionJob job = new IngestionJob(source, ACTION_UPSERT, createdBy);
        job.describe(request);
        job.originalId = original.id();
        job.contentSha256 = original.sha256();
        job.contentType = original.contentType();
        job.fileName = original.fileName();
        return job;
    }

    /** A request for content and settings that are already applied: recorded as done, with nothing embedded. */
    public static IngestionJob unchanged(String source, IngestRequest request, String sha256, UUID documentId,
                                         int chunks, String createdBy) {
        IngestionJob job = new IngestionJob(source, ACTION_UPSERT, createdBy);
        job.describe(request);
        job.contentSha256 = sha256;
        job.documentId = documentId;
        job.done(chunks, 0, chunks);
        return job;
    }

    public static IngestionJob delete(String source, String collectionName, String externalId, String createdBy) {
        IngestionJob job = new IngestionJob(source, ACTION_DELETE, createdBy);
        job.collectionName = collectionName;
        job.externalId = externalId;
        return job;
    }

    /** A JMS message that could not even be read into a request still gets a job, failed, so its fate is known. */
    public static IngestionJob rejected(String source, String reason, String createdBy) {
        IngestionJob job = new IngestionJob(source, ACTION_UPSERT, createdBy);
        job.fail(reason);
        return job;
    }

    private void describe(IngestRequest request) {
        this.collectionName = request.collection();
        this.externalId = request.externalId();
        this.title = request.title();
        this.aclGroups = new TreeSet<>(request.groups()).toArray(String[]::new);
        this.ttlDays = request.ttlDays();
    }

    public String jmsMessageId() {
        return jmsMessageId;
    }

    public String correlationId() {
        return correlationId;
    }

    public IngestionJob receivedAs(ReceivedMessage message) {
        if (message != null) {
            this.jmsMessageId = message.messageId();
            this.correlationId = message.correlationId();
        }
        return this;
    }

    /** An ACL change made while the job waits: the job will apply it, not the groups it was queued with. */
    public void changeAcl(Set<String> groups) {
        this.aclGroups = new TreeSet<>(groups).toArray(String[]::new);
    }

    /** Whether a caller's own name makes this job theirs (a JMS message belongs to no caller). */
    public boolean startedBy(String user) {
        return SOURCE_REST.equals(source) && user.equals(createdBy);
    }

    public void forDocument(UUID documentId) {
        this.documentId = documentId;
    }

    public void started() {
        this.status = JobStatus.PROCESSING.wire();
        this.attempts++;
        this.startedAt = Instant.now();
        this.heartbeatAt = startedAt;
        this.error = null;
    }

    /** Processing, but its worker has not been heard from since {@code cutoff}. */
    public boolean stalled(Instant cutoff) {
        return status.equals(JobStatus.PROCESSING.wire()) && heartbeatAt != null && heartbeatAt.isBefore(cutoff);
    }

    /** Back in the queue after its worker fell silent; the reason stays visible until it is picked up. */
    public void requeuedAfterStall() {
        this.status = JobStatus.QUEUED.wire();
        this.error = "Re-queued: its worker sent no heartbeat since " + heartbeatAt + ".";
        this.heartbeatAt = null;
    }

    public void done(int total, int embedded, int reused) {
        this.status = JobStatus.DONE.wire();
        this.chunksTotal = total;
        this.chunksEmbedded = embedded;
        this.chunksReused = reused;
        this.finishedAt = Instant.now();
        this.error = null;
    }

    public void supersededBy(UUID newerJob) {
        this.supersededBy = newerJob;
        this.status = JobStatus.DONE.wire();
        this.finishedAt = Instant.now();
    }

    /** A try failed and the message will be delivered again: the job waits, with the last reason shown. */
    public void attemptFailed(String reason) {
        this.status = JobStatus.QUEUED.wire();
        this.error = reason;
    }

    public void fail(String reason) {
        this.status = JobStatus.FAILED.wire();
        this.error = reason;
        this.finishedAt = Instant.now();
    }

    public boolean finished() {
        return status.equals(JobStatus.DONE.wire()) || status.equals(JobStatus.FAILED.wire());
    }

    public IngestRequest request() {
        return new IngestRequest(collectionName, externalId, title,
                aclGroups == null ? Set.of() : new TreeSet<>(Arrays.asList(aclGroups)), ttlDays);
    }

    public UUID id() {
        return id;
    }

    public UUID documentId() {
        return documentId;
    }

    public String source() {
        return source;
    }

    public String action() {
        return action;
    }

    public JobStatus status() {
        return JobStatus.valueOf(status.toUpperCase());
    }

    public String error() {
        return error;
    }

    public String contentType() {
        return contentType;
    }

    public String fileName() {
        return fileName;
    }

    public String contentSha256() {
        return contentSha256;
    }

    public UUID originalId() {
        return originalId;
    }

    public int attempts() {
        return attempts;
    }

    public int chunksTotal() {
        return chunksTotal;
    }

    public int chunksEmbedded() {
        return chunksEmbedded;
    }

    public int chunksReused() {
        return chunksReused;
    }

    public UUID supersededBy() {
        return supersededBy;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant heartbeatAt() {
        return heartbeatAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }
}

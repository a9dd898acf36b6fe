package dev.docent.ingest;

import dev.docent.collection.CollectionRepository;
import dev.docent.collection.DocumentCollection;
import dev.docent.ingest.jms.IngestQueue;
import dev.docent.observe.AuditLog;
import dev.docent.security.Caller;
import dev.docent.store.AclScope;
import dev.docent.store.PgArrays;
import dev.docent.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reading and managing documents on a caller's behalf. A document the caller may not read does not exist for
 * them (404); changing or deleting one also takes being its uploader or an admin (403).
 */
@ApplicationScoped
public class DocumentCatalog {

    private static final List<String> STATUSES = List.of("queued", "processing", "stalled", "done", "failed");

    private final EntityManager em;
    private final DocumentRepository documents;
    private final JobRepository jobs;
    private final CollectionRepository collections;
    private final DocumentRemoval removal;
    private final AuditLog audit;
    private final JobHeartbeats heartbeats;
    private final IngestQueue queue;

    @Inject
    public DocumentCatalog(EntityManager em, DocumentRepository documents, JobRepository jobs,
                           CollectionRepository collections, DocumentRemoval removal, AuditLog audit,
                           JobHeartbeats heartbeats, IngestQueue queue) {
        this.em = em;
        this.documents = documents;
        this.jobs = jobs;
        this.collections = collections;
        this.removal = removal;
        this.audit = audit;
        this.heartbeats = heartbeats;
        this.queue = queue;
    }

    /** For CDI's client proxy only. */
    protected DocumentCatalog() {
        this(null, null, null, null, null, null, null, null);
    }

    @Transactional
    public DocumentView get(UUID id, Caller caller) {
        AclScope.forCaller(em, caller);
        Document document = readable(id, caller);
        return DocumentView.of(document, collectionName(document.collectionId()));
    }

    @Transactional
    public List<DocumentView> list(String collection, int offset, int limit, Caller caller) {
        AclScope.forCaller(em, caller);
        Long collectionId = null;
        if (collection != null && !collection.isBlank()) {
            collectionId = collections.findByName(collection).map(DocumentCollection::id)
                    .orElseThrow(() -> ApiException.notFound("Collection '" + collection + "'"));
        }
        Map<Long, String> names = collections.all().stream()
                .collect(Collectors.toMap(DocumentCollection::id, DocumentCollection::name));
        return documents.readableInScope(collectionId, offset, limit).stream()
                .map(d -> DocumentView.of(d, names.get(d.collectionId())))
                .toList();
    }

    @Transactional
    public void delete(UUID id, Caller caller) {
        AclScope.forCaller(em, caller);
        Document document = manageable(id, caller);
        AclScope.forSystem(em);
        em.refresh(document, LockModeType.PESSIMISTIC_WRITE);
        audit.record(caller.user(), "document.delete", "document:" + document.id(),
                "externalId=" + document.externalId() + " groups=" + document.aclGroups());
        removal.remove(document);
    }

    /** New ACL groups for the document and, in the same transaction, for all its chunks. */
    @Transactional
    public DocumentView changeAcl(UUID id, Set<String> groups, Caller caller) {
        AclScope.forCaller(em, caller);
        Document document = manageable(id, caller);
        if (!caller.admin() && !caller.groups().containsAll(groups)) {
            throw ApiException.forbidden("You may only give a document to groups you belong to.");
        }
        AclScope.forSystem(em);
        // Re-read under a lock: a worker may have just moved the document on (its version with it). The document
        // is locked before its jobs, the order every writer keeps.
        em.refresh(document, LockModeType.PESSIMISTIC_WRITE);
        audit.record(caller.user(), "document.acl", "document:" + document.id(),
                document.aclGroups() + " -> " + new TreeSet<>(groups));
        document.changeAcl(groups);
        jobs.unfinishedForUpdate(document.id()).forEach(job -> job.changeAcl(groups));
        em.createNativeQuery("UPDATE chunk SET acl_groups = cast(:groups AS text[]) WHERE document_id = :id")
                .setParameter("groups", PgArrays.literal(groups))
                .setParameter("id", document.id())
                .executeUpdate();
        return DocumentView.of(document, collectionName(document.collectionId()));
    }

    /**
     * Ingests the document again from its stored original, with its current settings (after a parser or chunker
     * upgrade, say): passages whose text is unchanged keep their vectors, so only what changed is embedded.
     */
    @Transactional
    public JobView reingest(UUID id, Caller caller) {
        AclScope.forCaller(em, caller);
        Document document = manageable(id, caller);
        AclScope.forSystem(em);
        em.refresh(document, LockModeType.PESSIMISTIC_WRITE);
        StoredOriginal original = Optional.ofNullable(document.originalId()).flatMap(jobs::original)
                .orElseThrow(() -> new ApiException(409, "conflict", "This document has no stored original yet "
                        + "(its first version is still on its way); try again when it is ready."));
        IngestRequest request = new IngestRequest(collectionName(document.collectionId()), document.externalId(),
                null, new TreeSet<>(document.aclGroups()), document.ttlDays());
        IngestionJob job = IngestionJob.upsert(IngestionJob.SOURCE_REST, request, original, caller.user());
        job.forDocument(document.id());
        jobs.add(job);
        document.queued(job.id());
        queue.enqueue(job.id());
        audit.record(caller.user(), "document.reingest", "document:" + document.id(), "job " + job.id());
        return JobView.of(job, heartbeats.stallCutoff());
    }

    /** A job is shown to whoever started it, to readers of its document, and to admins. */
    @Transactional
    public JobView job(UUID jobId, Caller caller) {
        AclScope.forCaller(em, caller);
        Instant cutoff = heartbeats.stallCutoff();
        return jobs.find(jobId).filter(job -> visible(job, caller)).map(job -> JobView.of(job, cutoff))
                .orElseThrow(() -> ApiException.notFound("Ingestion job"));
    }

    /** The latest jobs in a status (queued, processing, stalled, done, failed) or all: for administrators. */
    @Transactional
    public List<JobView> latestJobs(String status, int limit, Caller caller) {
        if (!caller.admin()) {
            throw ApiException.forbidden("Listing every ingestion job takes the admin role.");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("status must be one of " + String.join(", ", STATUSES) + ".");
        }
        Instant cutoff = heartbeats.stallCutoff();
        return jobs.latest(status, cutoff, limit).stream().map(job -> JobView.of(job, cutoff)).toList();
    }

    /** The job a JMS message became, found by the JMSMessageID its sender got back. */
    @Transactional
    public List<JobView> jobOfMessage(String messageId, Caller caller) {
        AclScope.forCaller(em, caller);
        Instant cutoff = heartbeats.stallCutoff();
        return jobs.findByJmsMessageId(messageId).filter(job -> visible(job, caller))
                .map(job -> JobView.of(job, cutoff)).stream().toList();
    }

    /** The jobs of the messages a sender marked with this correlation id, newest first, as far as it may see them. */
    @Transactional
    public List<JobView> jobsOfCorrelation(String correlationId, Caller caller) {
        AclScope.forCaller(em, caller);
        Instant cutoff = heartbeats.stallCutoff();
        return jobs.findByCorrelationId(correlationId, 100).stream().filter(job -> visible(job, caller))
                .map(job -> JobView.of(job, cutoff)).toList();
    }

    private boolean visible(IngestionJob job, Caller caller) {
        return caller.admin()
                || job.startedBy(caller.user())
                || (job.documentId() != null && documents.find(job.documentId()).isPresent())
                || caller.canRead(job.request().groups());
    }

    private Document readable(UUID id, Caller caller) {
        // Row-level security already hides what the caller may not read; the check repeats it in code.
        return documents.find(id)
                .filter(d -> caller.canRead(d.aclGroups()))
                .orElseThrow(() -> ApiException.notFound("Document"));
    }

    private Document manageable(UUID id, Caller caller) {
        Document document = readable(id, caller);
        if (!DocumentRules.mayManage(caller, document)) {
            throw ApiException.forbidden("Only the document's uploader or an admin may change or delete it.");
        }
        return document;
    }

    private String collectionName(long collectionId) {
        return collections.find(collectionId).map(DocumentCollection::name).orElse(null);
    }
}

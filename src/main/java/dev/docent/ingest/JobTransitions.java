package dev.docent.ingest;

import dev.docent.collection.CollectionRepository;
import dev.docent.collection.DocumentCollection;
import dev.docent.ingest.chunk.ChunkDraft;
import dev.docent.ingest.jms.IngestQueue;
import dev.docent.ingest.original.OriginalStorage;
import dev.docent.store.AclScope;
import dev.docent.store.PassagesWritten;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Each step of a job that touches the database, each in a short transaction of its own, so that parsing and
 * embedding (seconds) hold no locks and a failed try leaves the job's history behind.
 */
@ApplicationScoped
public class JobTransitions {

    /** What the worker needs to carry out a job, read when it starts. */
    public record JobWork(UUID jobId, String action, UUID documentId, IngestRequest request, String contentType,
                          String fileName, byte[] content) {

        public boolean isDelete() {
            return IngestionJob.ACTION_DELETE.equals(action);
        }
    }

    private final EntityManager em;
    private final JobRepository jobs;
    private final DocumentRepository documents;
    private final CollectionRepository collections;
    private final ChunkStore chunks;
    private final DocumentRemoval removal;
    private final IngestQueue queue;
    private final OriginalStorage originals;
    private final Event<PassagesWritten> passagesWritten;

    @Inject
    public JobTransitions(EntityManager em, JobRepository jobs, DocumentRepository documents,
                          CollectionRepository collections, ChunkStore chunks, DocumentRemoval removal,
                          IngestQueue queue, OriginalStorage originals, Event<PassagesWritten> passagesWritten) {
        this.em = em;
        this.jobs = jobs;
        this.documents = documents;
        this.collections = collections;
        this.chunks = chunks;
        this.removal = removal;
        this.queue = queue;
        this.originals = originals;
        this.passagesWritten = passagesWritten;
    }

    /** For CDI's client proxy only. */
    protected JobTransitions() {
        this(null, null, null, null, null, null, null, null, null);
    }

    /** Marks the job processing and reads its work; empty when there is nothing (more) to do. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<JobWork> start(UUID jobId) {
        AclScope.forSystem(em);
        IngestionJob job = lockWithDocument(jobId).orElse(null);
        if (job == null || job.finished()) {
            return Optional.empty();
        }
        job.started();
        if (IngestionJob.ACTION_DELETE.equals(job.action())) {
            return Optional.of(new JobWork(job.id(), job.action(), null, job.request(), null, null, null));
        }
        Optional<Document> document = Optional.ofNullable(job.documentId()).flatMap(documents::find);
        Optional<StoredOriginal> original = Optional.ofNullable(job.originalId()).flatMap(jobs::original);
        if (document.isEmpty() || original.isEmpty()) {
            job.fail("The document was deleted before it could be ingested.");
            return Optional.empty();
        }
        document.get().processing();
        return Optional.of(new JobWork(job.id(), job.action(), document.get().id(), job.request(), job.contentType(),
                job.fileName(), originals.read(original.get().content(), original.get().objectKey())));
    }

    @Transactional(TxType.REQUIRES_NEW)
    public Map<String, float[]> storedVectors(UUID documentId) {
        return chunks.vectorsByHash(documentId);
    }

    /**
     * Applies the new chunks unless a newer job for the same document was accepted meanwhile (then this one is
     * superseded and writes nothing, so that an older version can never overwrite a newer one).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void complete(JobWork work, String title, List<ChunkDraft> drafts, Map<String, float[]> vectors,
                         int embedded) {
        AclScope.forSystem(em);
        IngestionJob job = lockWithDocument(work.jobId()).orElseThrow();
        Document document = documents.find(work.documentId()).orElse(null);
        if (document == null) {
            job.fail("The document was deleted before it could be ingested.");
            return;
        }
        if (document.latestJobId() != null && !document.latestJobId().equals(job.id())) {
            job.supersededBy(document.latestJobId());
            return;
        }
        // The job's request as it is now: an ACL change made while the job waited has been written into it.
        IngestRequest request = job.request();
        Instant expiresAt = expiry(request.ttlDays(), document.collectionId());
        ChunkStore.Written written = chunks.replace(document.id(), document.collectionId(), drafts, vectors,
                request.groups(), expiresAt);
        document.applied(job.contentSha256(), work.contentType(), title, request.groups(), request.ttlDays(),
                expiresAt, job.originalId(), drafts.size());
        job.done(drafts.size(), embedded, written.kept() + (written.inserted() - embedded));
        passagesWritten.fire(new PassagesWritten(document.collectionId(), request.groups(), drafts.size()));
    }

    /** A delete job: the document goes with its chunks and originals; deleting what is not there is done too. */
    @Transactional(TxType.REQUIRES_NEW)
    public void delete(JobWork work) {
        AclScope.forSystem(em);
        // The document first (findByExternalId locks it), then the job: the order every writer keeps.
        Optional<DocumentCollection> collection = collections.findByName(work.request().collection());
        Optional<Document> document = collection.flatMap(c -> documents.findByExternalId(c.id(),
                work.request().externalId()));
        if (document.isEmpty()) {
            // External ids are unique per collection. Deleting nothing is done (a delete may come twice), but not
            // when the id is in another collection: the sender most likely forgot docentCollection, and a "done"
            // would have it believe a document gone that Docent still serves.
            List<String> elsewhere = documents.collectionsHolding(work.request().externalId());
            if (!elsewhere.isEmpty()) {
                throw new InvalidIngestException("No document with externalId '" + work.request().externalId()
                        + "' in collection '" + work.request().collection() + "'; it is in "
                        + String.join(", ", elsewhere.stream().map(name -> "'" + name + "'").toList())
                        + ". Name the collection in docentCollection.");
            }
        }
        IngestionJob job = lockWithDocument(work.jobId()).orElseThrow();
        document.ifPresent(d -> {
            job.forDocument(d.id());
            removal.remove(d);
        });
        job.done(0, 0, 0);
    }

    /** A try failed and another will follow: recorded in its own transaction, which survives the rollback. */
    @Transactional(TxType.REQUIRES_NEW)
    public void attemptFailed(UUID jobId, String reason) {
        AclScope.forSystem(em);
        jobs.findForUpdate(jobId).ifPresent(job -> job.attemptFailed(reason));
    }

    /**
     * The job has failed for good. Runs in the caller's transaction: the consumer moves the message to the
     * dead-letter queue in the same one, so the two happen together or not at all.
     */
    @Transactional(TxType.REQUIRED)
    public void failed(UUID jobId, String reason) {
        AclScope.forSystem(em);
        lockWithDocument(jobId).ifPresent(job -> {
            job.fail(reason);
            Optional.ofNullable(job.documentId()).flatMap(documents::find)
                    .filter(d -> job.id().equals(d.latestJobId()))
                    .ifPresent(Document::ingestionFailed);
        });
    }

    /** A message that could not become a job still gets one, failed, so that its sender can learn why. */
    @Transactional(TxType.REQUIRED)
    public UUID rejected(ReceivedMessage message, String reason) {
        AclScope.forSystem(em);
        Optional<IngestionJob> known = jobs.findByJmsMessageId(message.messageId());
        if (known.isPresent()) {
            known.get().fail(reason);
            return known.get().id();
        }
        IngestionJob job = IngestionJob.rejected(IngestionJob.SOURCE_JMS, reason, IngestionJob.JMS_CREATOR)
                .receivedAs(message);
        jobs.add(job);
        return job.id();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public List<UUID> stalled(Instant cutoff) {
        return jobs.stalled(cutoff, 100);
    }

    /**
     * Puts a stalled job back on the queue, with its message, in one transaction; false when it is no longer
     * stalled (its worker beat, or finished, meanwhile). Should the old worker still finish, the job is done and
     * the new message finds nothing to do.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean requeueIfStalled(UUID jobId, Instant cutoff) {
        AclScope.forSystem(em);
        IngestionJob job = lockWithDocument(jobId).orElse(null);
        if (job == null || !job.stalled(cutoff)) {
            return false;
        }
        job.requeuedAfterStall();
        queue.enqueue(job.id());
        return true;
    }

    @Transactional(TxType.REQUIRES_NEW)
    public int attempts(UUID jobId) {
        return jobs.find(jobId).map(IngestionJob::attempts).orElse(0);
    }

    /**
     * Locks a job's document, then the job itself (re-read under the lock). Every writer that takes both locks
     * them in this order (document, then job), so an ACL change and a worker never wait on each other in a circle.
     */
    private Optional<IngestionJob> lockWithDocument(UUID jobId) {
        Optional<IngestionJob> job = jobs.find(jobId);
        job.map(IngestionJob::documentId).ifPresent(documents::findForUpdate);
        job.ifPresent(j -> em.refresh(j, LockModeType.PESSIMISTIC_WRITE));
        return job;
    }

    private Instant expiry(Integer ttlDays, long collectionId) {
        Integer days = ttlDays != null ? ttlDays
                : collections.find(collectionId).map(DocumentCollection::defaultTtlDays).orElse(null);
        return days == null ? null : Instant.now().plus(Duration.ofDays(days));
    }
}

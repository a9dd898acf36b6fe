package dev.docent.ingest;

import dev.docent.collection.CollectionRepository;
import dev.docent.collection.DocumentCollection;
import dev.docent.ingest.jms.IngestQueue;
import dev.docent.ingest.original.OriginalStorage;
import dev.docent.ingest.parse.DocumentParser;
import dev.docent.ingest.parse.UnsupportedDocumentException;
import dev.docent.observe.AuditLog;
import dev.docent.security.Caller;
import dev.docent.store.AclScope;
import dev.docent.text.Hashing;
import dev.docent.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Accepts documents: stores the original, records the document and a job, and queues the job, all in one
 * transaction (the JMS send is part of it), so an accepted document is always either ingested or failed with a
 * reason, and a refused one leaves nothing behind. Identical content with identical settings is not queued again.
 */
@ApplicationScoped
public class DocumentIntake {

    /** What happened to an accepted request. */
    public sealed interface Outcome permits Queued, Unchanged {
        UUID documentId();

        UUID jobId();
    }

    public record Queued(UUID documentId, UUID jobId) implements Outcome {
    }

    public record Unchanged(UUID documentId, UUID jobId) implements Outcome {
    }

    /** A file as received: its bytes and, when known, its name and declared type. */
    public record Content(byte[] bytes, String fileName) {
    }

    private final EntityManager em;
    private final CollectionRepository collections;
    private final DocumentRepository documents;
    private final JobRepository jobs;
    private final DocumentParser parser;
    private final IngestQueue queue;
    private final AuditLog audit;
    private final OriginalStorage originals;

    @Inject
    public DocumentIntake(EntityManager em, CollectionRepository collections, DocumentRepository documents,
                          JobRepository jobs, DocumentParser parser, IngestQueue queue, AuditLog audit,
                          OriginalStorage originals) {
        this.em = em;
        this.collections = collections;
        this.documents = documents;
        this.jobs = jobs;
        this.parser = parser;
        this.queue = queue;
        this.audit = audit;
        this.originals = originals;
    }

    /** For CDI's client proxy only. */
    protected DocumentIntake() {
        this(null, null, null, null, null, null, null, null);
    }

    /** An upload: recorded and queued for the ingestion worker. */
    @Transactional
    public Outcome acceptUpload(IngestRequest request, Content content, Caller caller) {
        if (!caller.admin() && !caller.groups().containsAll(request.groups())) {
            throw ApiException.forbidden("You may only give a document to groups you belong to.");
        }
        AclScope.forSystem(em);
        Outcome outcome = register(request, content, IngestionJob.SOURCE_REST, caller.user(), null, caller);
        if (outcome instanceof Queued queued) {
            queue.enqueue(queued.jobId());
        }
        return outcome;
    }

    /**
     * A legacy system's upsert message: recorded in its own transaction, so that its job exists (and can show why
     * a try failed) while the consumer processes it. Idempotent under redelivery by the message id.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome acceptMessage(IngestRequest request, Content content, ReceivedMessage message) {
        AclScope.forSystem(em);
        Optional<IngestionJob> known = jobs.findByJmsMessageId(message.messageId());
        if (known.isPresent()) {
            return new Queued(known.get().documentId(), known.get().id());
        }
        return register(request, content, IngestionJob.SOURCE_JMS, IngestionJob.JMS_CREATOR, message, null);
    }

    /** A legacy system's delete message, recorded like an upsert. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public UUID acceptDeleteMessage(String collection, String externalId, ReceivedMessage message) {
        AclScope.forSystem(em);
        Optional<IngestionJob> known = jobs.findByJmsMessageId(message.messageId());
        if (known.isPresent()) {
            return known.get().id();
        }
        IngestionJob job = IngestionJob.delete(IngestionJob.SOURCE_JMS, collection, externalId, IngestionJob.JMS_CREATOR)
                .receivedAs(message);
        jobs.add(job);
        return job.id();
    }

    private Outcome register(IngestRequest request, Content content, String source, String createdBy,
                             ReceivedMessage message, Caller caller) {
        DocumentCollection collection = collections.findByName(request.collection())
                .orElseThrow(() -> new InvalidIngestException(InvalidIngestException.Kind.UNKNOWN_COLLECTION,
                        "Collection '" + request.collection() + "' does not exist.", null));
        String mediaType;
        try {
            mediaType = parser.detect(content.bytes(), content.fileName());
        } catch (UnsupportedDocumentException e) {
            throw new InvalidIngestException(InvalidIngestException.Kind.UNSUPPORTED_CONTENT, e.getMessage(), e);
        }
        String sha256 = Hashing.sha256(content.bytes());
        Optional<Document> existing = documents.findByExternalId(collection.id(), request.externalId());
        if (existing.isPresent() && caller != null && !DocumentRules.mayReplace(caller, existing.get())) {
            // The same answer whether the caller can read the document or not, so it tells nothing of its content.
            throw new ApiException(409, "conflict", "This externalId is already used in this collection by a "
                    + "document you may not replace; choose another externalId.");
        }
        if (existing.isPresent() && unchanged(existing.get(), sha256, request)) {
            Document document = existing.get();
            if (message == null) {
                return new Unchanged(document.id(), document.latestJobId());
            }
            // A message's sender looks its fate up by the message id, so even a no-op gets a job of its own.
            IngestionJob job = IngestionJob.unchanged(source, request, sha256, document.id(), document.chunkCount(),
                    createdBy).receivedAs(message);
            jobs.add(job);
            return new Unchanged(document.id(), job.id());
        }
        UUID originalId = UUID.randomUUID();
        StoredOriginal original = new StoredOriginal(originalId, sha256, mediaType, content.fileName(),
                content.bytes().length, originals.place(originalId, content.bytes(), mediaType));
        jobs.add(original);
        Document document = existing.orElseGet(() -> {
            Document created = new Document(UUID.randomUUID(), collection.id(), request.externalId(),
                    request.title() != null ? request.title() : request.externalId(), request.groups(),
                    request.ttlDays(), createdBy);
            documents.add(created);
            return created;
        });
        if (existing.isPresent() && !existing.get().aclGroups().equals(request.groups())) {
            audit.record(createdBy, "document.acl", "document:" + document.id(),
                    existing.get().aclGroups() + " -> " + new TreeSet<>(request.groups()) + " (new version)");
        }
        IngestionJob job = IngestionJob.upsert(source, request, original, createdBy).receivedAs(message);
        job.forDocument(document.id());
        jobs.add(job);
        document.queued(job.id());
        return new Queued(document.id(), job.id());
    }

    /** Same bytes and same settings as what is on its way, or else as what is applied. */
    private boolean unchanged(Document document, String sha256, IngestRequest request) {
        Optional<IngestionJob> pending = Optional.ofNullable(document.latestJobId())
                .flatMap(jobs::find)
                .filter(job -> !job.finished());
        if (pending.isPresent()) {
            return sha256.equals(pending.get().contentSha256()) && sameRequest(pending.get().request(), request);
        }
        return document.status() == DocumentStatus.READY
                && sha256.equals(document.contentSha256())
                && request.groups().equals(document.aclGroups())
                && Objects.equals(request.ttlDays(), document.ttlDays())
                && (request.title() == null || request.title().equals(document.title()));
    }

    private static boolean sameRequest(IngestRequest queued, IngestRequest request) {
        return queued.groups().equals(request.groups())
                && Objects.equals(queued.ttlDays(), request.ttlDays())
                && Objects.equals(queued.title(), request.title());
    }
}

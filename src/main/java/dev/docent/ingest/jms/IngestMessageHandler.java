package dev.docent.ingest.jms;

import dev.docent.ingest.DocumentIntake;
import dev.docent.ingest.IngestionWorker;
import dev.docent.ingest.InvalidIngestException;
import dev.docent.ingest.JobTransitions;
import dev.docent.ingest.ReceivedMessage;
import dev.docent.store.ConnectionFailures;
import dev.docent.store.DatabaseStatus;
import dev.docent.web.ApiExceptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides the fate of one message on docent.ingest. A message that can never succeed, or has failed
 * {@code docent.ingest.max-attempts} times, ends in the dead-letter queue with its job failed and the reason
 * recorded, in the message's own transaction; any other failure rolls the message back for another try. While the
 * database is out of reach no try is counted: the message waits (up to {@code docent.ingest.outage-wait-seconds}
 * per delivery) and is delivered again, so an outage costs time, not documents (100 deliveries of 30 s: the
 * engine's limit, {@code docent.ingest.engine.max-redeliveries}, allows outages of most of an hour).
 */
@ApplicationScoped
public class IngestMessageHandler {

    /** Whether the message's transaction commits (the message is consumed) or rolls back (it comes again). */
    public enum Outcome { CONSUMED, RETRY }

    private static final Logger LOG = Logger.getLogger(IngestMessageHandler.class.getName());

    private final DocumentIntake intake;
    private final IngestionWorker worker;
    private final JobTransitions transitions;
    private final IngestQueue queue;
    private final int maxAttempts;
    private final long maxBytes;
    private final String defaultCollection;
    private final DatabaseStatus database;
    private final Duration outageWait;
    private final int engineMaxDeliveries;

    @Inject
    public IngestMessageHandler(DocumentIntake intake, IngestionWorker worker, JobTransitions transitions,
                                IngestQueue queue,
                                @ConfigProperty(name = "docent.ingest.max-attempts", defaultValue = "3") int maxAttempts,
                                @ConfigProperty(name = "docent.upload.max-bytes", defaultValue = "52428800") long maxBytes,
                                @ConfigProperty(name = "docent.collection.default", defaultValue = "general")
                                String defaultCollection,
                                DatabaseStatus database,
                                @ConfigProperty(name = "docent.ingest.outage-wait-seconds", defaultValue = "30")
                                long outageWaitSeconds,
                                @ConfigProperty(name = "docent.ingest.engine.max-redeliveries", defaultValue = "100")
                                int engineMaxDeliveries) {
        this.intake = intake;
        this.worker = worker;
        this.transitions = transitions;
        this.queue = queue;
        this.maxAttempts = maxAttempts;
        this.maxBytes = maxBytes;
        this.defaultCollection = defaultCollection;
        this.database = database;
        this.outageWait = Duration.ofSeconds(outageWaitSeconds);
        this.engineMaxDeliveries = engineMaxDeliveries;
    }

    /** For CDI's client proxy only. */
    protected IngestMessageHandler() {
        this(null, null, null, null, 1, 0, null, null, 0, 1);
    }

    public Outcome handle(Message message) throws JMSException {
        UUID jobId = null;
        try {
            jobId = jobOf(message);
            if (jobId != null) {
                worker.process(jobId);
            }
            return Outcome.CONSUMED;
        } catch (InvalidIngestException e) {
            return giveUp(message, jobId, e.getMessage());
        } catch (RuntimeException e) {
            if (databaseOutage(e)) {
                // Not the document's fault, and no try of it: the message waits for the database, then comes again.
                LOG.log(Level.FINE, "database out of reach; message waits", e);
                awaitDatabase();
                return Outcome.RETRY;
            }
            String reason = reason(e);
            // A job's own count of tries (deliveries also count the waits through database outages); but never
            // past the engine's own limit, which would move the message aside without failing its job.
            int attempts = jobId == null ? deliveryCount(message) : transitions.attempts(jobId);
            if (attempts >= maxAttempts || deliveryCount(message) >= engineMaxDeliveries) {
                LOG.log(Level.WARNING, "Ingestion gave up after " + attempts + " attempts: " + reason, e);
                return giveUp(message, jobId, "Failed after " + attempts + " attempts: " + reason);
            }
            LOG.log(Level.INFO, "Ingestion attempt " + attempts + " failed, will retry: " + reason, e);
            if (jobId != null) {
                transitions.attemptFailed(jobId, "Attempt " + attempts + " failed: " + reason);
            }
            return Outcome.RETRY;
        }
    }

    private boolean databaseOutage(RuntimeException e) {
        return ConnectionFailures.isConnectionFailure(e) || !database.check();
    }

    /** Holds the message (and its thread) until the database answers again, for up to the configured wait. */
    private void awaitDatabase() {
        long deadline = System.nanoTime() + outageWait.toNanos();
        while (System.nanoTime() < deadline && !database.check()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The job this message is about: Docent's own upload, or a legacy message recorded now. */
    private UUID jobOf(Message message) throws JMSException {
        String jobId = message.getStringProperty(IngestMessages.JOB_ID);
        if (jobId != null) {
            try {
                return UUID.fromString(jobId);
            } catch (IllegalArgumentException e) {
                throw new InvalidIngestException(IngestMessages.JOB_ID + " is not a job id: " + jobId);
            }
        }
        LegacyMessageReader.LegacyCommand command = LegacyMessageReader.read(message, defaultCollection, maxBytes);
        if (command.delete()) {
            return intake.acceptDeleteMessage(command.request().collection(), command.request().externalId(),
                    received(message));
        }
        return intake.acceptMessage(command.request(),
                new DocumentIntake.Content(command.content(), command.fileName()), received(message)).jobId();
    }

    private Outcome giveUp(Message message, UUID jobId, String reason) throws JMSException {
        UUID failedJob = jobId;
        if (failedJob == null) {
            failedJob = transitions.rejected(received(message), reason);
        } else {
            transitions.failed(failedJob, reason);
        }
        queue.deadLetter(message, reason, failedJob);
        return Outcome.CONSUMED;
    }

    private static ReceivedMessage received(Message message) throws JMSException {
        return ReceivedMessage.of(message.getJMSMessageID(), message.getJMSCorrelationID());
    }

    private static int deliveryCount(Message message) {
        try {
            return message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
        } catch (JMSException e) {
            return 1;
        }
    }

    private static String reason(Throwable e) {
        var api = ApiExceptions.findCause(e);
        if (api != null) {
            return api.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }
}

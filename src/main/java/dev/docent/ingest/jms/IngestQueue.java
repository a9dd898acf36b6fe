package dev.docent.ingest.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;

/**
 * Sends to the ingestion queue and its dead-letter queue. The injected JMSContext joins the caller's JTA
 * transaction: a message is delivered only if the transaction that recorded its job commits.
 */
@ApplicationScoped
public class IngestQueue {

    private final JMSContext jms;

    @Resource(lookup = "jms/docentIngestQueue")
    private Queue ingestQueue;

    @Resource(lookup = "jms/docentIngestDeadLetterQueue")
    private Queue deadLetterQueue;

    @Resource(lookup = "jms/docentConnectionFactory")
    private ConnectionFactory connectionFactory;

    @Inject
    public IngestQueue(@JMSConnectionFactory("jms/docentConnectionFactory") JMSContext jms) {
        this.jms = jms;
    }

    /** For CDI's client proxy only. */
    protected IngestQueue() {
        this(null);
    }

    public void enqueue(UUID jobId) {
        jms.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setProperty(IngestMessages.JOB_ID, jobId.toString())
                .send(ingestQueue, jobId.toString());
    }

    /**
     * Copies a message that cannot be processed, body and properties, to the dead-letter queue with the reason,
     * so that nothing is dropped silently and the sender's data can be replayed once the cause is fixed.
     */
    public void deadLetter(Message message, String reason, UUID jobId) throws JMSException {
        Message copy;
        if (message instanceof TextMessage text) {
            copy = jms.createTextMessage(text.getText());
        } else if (message instanceof BytesMessage bytes) {
            bytes.reset();
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            BytesMessage out = jms.createBytesMessage();
            out.writeBytes(body);
            copy = out;
        } else {
            copy = jms.createMessage();
        }
        for (Object name : Collections.list(message.getPropertyNames())) {
            String property = (String) name;
            if (isSendersOwn(property)) {
                copy.setObjectProperty(property, message.getObjectProperty(property));
            }
        }
        copy.setStringProperty(IngestMessages.ERROR, reason);
        copy.setStringProperty(IngestMessages.ORIGINAL_MESSAGE_ID, message.getJMSMessageID());
        if (jobId != null) {
            copy.setStringProperty(IngestMessages.JOB_ID, jobId.toString());
        }
        copy.setJMSCorrelationID(message.getJMSCorrelationID());
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(deadLetterQueue, copy);
    }

    /**
     * The sender's properties, as opposed to the provider's: JMS and JMSX names, a broker's internal ones (Artemis:
     * {@code _AMQ_...}) and protocol headers that are not JMS identifiers (STOMP's {@code content-length}).
     */
    static boolean isSendersOwn(String property) {
        return !property.startsWith("JMS") && !property.startsWith("_")
                && Character.isJavaIdentifierStart(property.charAt(0))
                && property.chars().skip(1).allMatch(Character::isJavaIdentifierPart);
    }

    /**
     * The messages waiting on the dead-letter queue, oldest first, at most {@code limit}; browsing takes none away.
     * A context of its own: outside a transaction, a resource adapter's pooled session behind the injected context
     * does not outlive the request that first used it.
     */
    public List<DeadLetter> deadLetters(int limit) {
        List<DeadLetter> letters = new ArrayList<>();
        try (JMSContext browsing = connectionFactory.createContext();
             QueueBrowser browser = browsing.createBrowser(deadLetterQueue)) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements() && letters.size() < limit) {
                Message message = (Message) messages.nextElement();
                letters.add(new DeadLetter(message.getJMSMessageID(),
                        message.getStringProperty(IngestMessages.ORIGINAL_MESSAGE_ID),
                        message.getStringProperty(IngestMessages.JOB_ID),
                        message.getStringProperty(IngestMessages.EXTERNAL_ID),
                        message.getStringProperty(IngestMessages.COLLECTION),
                        message.getStringProperty(IngestMessages.ERROR),
                        Instant.ofEpochMilli(message.getJMSTimestamp())));
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse the dead-letter queue", e);
        }
        return letters;
    }
}

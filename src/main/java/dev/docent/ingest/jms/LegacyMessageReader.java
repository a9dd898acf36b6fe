package dev.docent.ingest.jms;

import dev.docent.ingest.IngestRequest;
import dev.docent.ingest.IngestValidation;
import dev.docent.ingest.InvalidIngestException;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Reads a legacy system's message (see {@link IngestMessages}) into a request, or says why it cannot. */
public final class LegacyMessageReader {

    /** What a legacy message asks for. */
    public record LegacyCommand(boolean delete, IngestRequest request, byte[] content, String fileName) {
    }

    private LegacyMessageReader() {
    }

    public static LegacyCommand read(Message message, String defaultCollection, long maxBytes) throws JMSException {
        String action = property(message, IngestMessages.ACTION);
        boolean delete;
        if (action == null || action.equalsIgnoreCase("upsert")) {
            delete = false;
        } else if (action.equalsIgnoreCase("delete")) {
            delete = true;
        } else {
            throw new InvalidIngestException(IngestMessages.ACTION + " must be upsert or delete, not '" + action + "'.");
        }
        String collection = IngestValidation.collection(property(message, IngestMessages.COLLECTION), defaultCollection);
        String externalId = property(message, IngestMessages.EXTERNAL_ID);
        if (externalId == null) {
            throw new InvalidIngestException(IngestMessages.EXTERNAL_ID + " is required: the document's stable id in the sending system.");
        }
        externalId = IngestValidation.externalId(externalId, null);
        if (delete) {
            return new LegacyCommand(true, new IngestRequest(collection, externalId, null, Set.of(), null),
                    null, null);
        }
        IngestRequest request = new IngestRequest(collection, externalId,
                IngestValidation.title(property(message, IngestMessages.TITLE)),
                IngestValidation.groups(property(message, IngestMessages.GROUPS)),
                IngestValidation.ttlDays(property(message, IngestMessages.TTL_DAYS)));
        byte[] content = body(message, maxBytes);
        return new LegacyCommand(false, request, content, fileName(message));
    }

    private static byte[] body(Message message, long maxBytes) throws JMSException {
        byte[] content;
        if (message instanceof TextMessage text) {
            String body = text.getText();
            content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        } else if (message instanceof BytesMessage bytes) {
            long length = bytes.getBodyLength();
            if (length > maxBytes) {
                throw new InvalidIngestException("The message body has " + length + " bytes; the limit is " + maxBytes + ".");
            }
            content = new byte[(int) length];
            bytes.readBytes(content);
        } else {
            throw new InvalidIngestException("Send a TextMessage (the text) or a BytesMessage (a file), not a "
                    + message.getClass().getSimpleName() + ".");
        }
        if (content.length == 0) {
            throw new InvalidIngestException("The message body is empty.");
        }
        if (content.length > maxBytes) {
            throw new InvalidIngestException("The message body has " + content.length + " bytes; the limit is " + maxBytes + ".");
        }
        return content;
    }

    /**
     * A file name tells Tika what a body is when its bytes alone cannot (Markdown): the declared name, else one
     * derived from the declared content type. A TextMessage without either is plain text.
     */
    private static String fileName(Message message) throws JMSException {
        String name = property(message, IngestMessages.FILE_NAME);
        if (name != null) {
            return name;
        }
        String type = property(message, IngestMessages.CONTENT_TYPE);
        if (type == null) {
            return message instanceof TextMessage ? "message.txt" : null;
        }
        return switch (type.toLowerCase().split(";")[0].strip()) {
            case "text/markdown", "text/x-markdown" -> "message.md";
            case "text/html" -> "message.html";
            case "application/pdf" -> "message.pdf";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "message.docx";
            default -> "message.txt";
        };
    }

    private static String property(Message message, String name) throws JMSException {
        if (!message.propertyExists(name)) {
            return null;
        }
        Object value = message.getObjectProperty(name);
        String text = value == null ? null : value.toString().strip();
        return text == null || text.isEmpty() ? null : text;
    }
}

package dev.docent.ingest;

/**
 * How a legacy system's message is known: the provider's message id (idempotence under redelivery) and the
 * sender's own correlation id, the one handle a STOMP or AMQP sender always has to look its job up by.
 */
public record ReceivedMessage(String messageId, String correlationId) {

    public static ReceivedMessage of(String messageId, String correlationId) {
        return new ReceivedMessage(blankToNull(messageId), blankToNull(correlationId));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

package dev.docent.ingest;

/**
 * How a legacy system's message is known: the provider's message id (idempotence under redelivery) and the
 * sender's own correlation id, the one handle a STOMP or AMQP sender always has to look its job up by.
 */
public record ReceivedMessage(String messageId, String correlationId) {

    /** The longest correlation id kept (the column's limit); a longer one is cut, never a reason to fail. */
    public static final int MAX_CORRELATION_ID = 200;

    public static ReceivedMessage of(String messageId, String correlationId) {
        String correlation = blankToNull(correlationId);
        if (correlation != null && correlation.length() > MAX_CORRELATION_ID) {
            correlation = correlation.substring(0, MAX_CORRELATION_ID);
        }
        return new ReceivedMessage(blankToNull(messageId), correlation);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

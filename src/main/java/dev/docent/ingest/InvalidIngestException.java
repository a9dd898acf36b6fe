package dev.docent.ingest;

import dev.docent.web.ApiException;

/**
 * A request or message that can never succeed as it is: unknown collection, missing groups, unreadable file.
 * Retrying it is pointless, so a message carrying it goes to the dead-letter queue at once; over REST it is a 4xx.
 */
public class InvalidIngestException extends RuntimeException {

    /** Why, as far as the HTTP status is concerned. */
    public enum Kind { INVALID, UNKNOWN_COLLECTION, UNSUPPORTED_CONTENT }

    private final Kind kind;

    public InvalidIngestException(String message) {
        this(Kind.INVALID, message, null);
    }

    public InvalidIngestException(String message, Throwable cause) {
        this(Kind.INVALID, message, cause);
    }

    public InvalidIngestException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ApiException toApiException() {
        return switch (kind) {
            case UNKNOWN_COLLECTION -> new ApiException(404, "not_found", getMessage());
            case UNSUPPORTED_CONTENT -> ApiException.unsupportedMediaType(getMessage());
            case INVALID -> ApiException.badRequest(getMessage());
        };
    }
}

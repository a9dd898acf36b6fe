package dev.docent.store;

import dev.docent.web.ApiException;

/**
 * PostgreSQL could not do what was asked: unreachable, restarting, or a statement that failed or timed out. For a
 * caller whose request needs the database this is a 503; the query path catches it and degrades instead.
 */
public class DatabaseUnavailableException extends ApiException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(503, "unavailable", message);
        initCause(cause);
    }
}

package dev.docent.web;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;

/** Reads failures that a container layer (EJB, transaction, CDI interceptor) has wrapped. */
public final class ApiExceptions {

    private ApiExceptions() {
    }

    /** PostgreSQL gave up on one of two transactions that collided (deadlock, serialization failure). */
    public static boolean concurrentUpdate(Throwable throwable) {
        for (Throwable t = throwable; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
            if (t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    public static ApiException findCause(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}

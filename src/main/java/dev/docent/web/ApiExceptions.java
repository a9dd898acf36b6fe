package dev.docent.web;

/** Finds an {@link ApiException} wrapped by a container layer (EJB, transaction, CDI interceptor). */
public final class ApiExceptions {

    private ApiExceptions() {
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

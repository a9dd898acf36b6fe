package dev.docent.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Anything unforeseen: logged with a reference, answered without a stack trace. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        ApiException known = ApiExceptions.findCause(exception);
        if (known != null) {
            return known.toResponse();
        }
        if (ApiExceptions.concurrentUpdate(exception)) {
            return new ApiException(409, "conflict", "Another change to the same record got there first; try again.")
                    .toResponse();
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unhandled error, reference " + reference, exception);
        return Response.serverError().type("application/json")
                .entity(new ApiError("internal_error", "Something went wrong on our side (reference " + reference + ")."))
                .build();
    }
}

package dev.docent.web;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Two changes to the same record at once: the later one is told to try again. */
@Provider
public class OptimisticLockExceptionMapper implements ExceptionMapper<OptimisticLockException> {

    @Override
    public Response toResponse(OptimisticLockException exception) {
        return new ApiException(409, "conflict", "The record changed while this request was being made; "
                + "read it again and retry.").toResponse();
    }
}

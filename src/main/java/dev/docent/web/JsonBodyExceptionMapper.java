package dev.docent.web;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body that is not JSON, or not of the documented shape, is the client's mistake: 400. */
@Provider
public class JsonBodyExceptionMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException exception) {
        return ApiException.badRequest(
                "The request body could not be read: send valid JSON of the documented shape.").toResponse();
    }
}

package dev.docent.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own failures (unknown path, wrong method, unreadable JSON) answered in Docent's error shape. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String code = known == null ? "http_" + status : known.name().toLowerCase();
        String message = switch (status) {
            case 400 -> "The request could not be read: check that the body is valid JSON of the documented shape.";
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "The requested representation is not available.";
            case 415 -> "This content type is not accepted here.";
            default -> known == null ? "HTTP " + status : known.getReasonPhrase();
        };
        return Response.status(status).type("application/json").entity(new ApiError(code, message)).build();
    }
}

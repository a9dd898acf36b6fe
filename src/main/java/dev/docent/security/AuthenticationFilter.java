package dev.docent.security;

import dev.docent.web.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Every /api call needs a verified token. Liberty's MP-JWT has already checked the signature, issuer, audience and
 * expiry of any bearer token; what is left is to refuse requests that carried none, in Docent's JSON error shape.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(Public.class)) {
            return;
        }
        if (request.getSecurityContext().getUserPrincipal() == null) {
            request.abortWith(ApiException.unauthorized("A valid bearer token is required.").toResponse());
        }
    }
}

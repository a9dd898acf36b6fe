package dev.docent.security;

import dev.docent.web.ApiException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Applies the rate limits to the calls marked {@link RateLimited}: over the limit, 429 with Retry-After; always,
 * the limit and what is left of it in X-RateLimit-Limit and X-RateLimit-Remaining.
 */
@Provider
@RateLimited
@ApplicationScoped
@Priority(Priorities.AUTHORIZATION)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

    // JAX-RS instantiates providers through a public no-argument constructor, so this one takes its parts by field.
    @Context
    private HttpServletRequest http;

    @Inject
    private RateLimiter limiter;

    @Override
    public void filter(ContainerRequestContext request) {
        var principal = request.getSecurityContext().getUserPrincipal();
        if (principal == null) {
            return;
        }
        // MP-JWT's principal is the verified token; its groups say whether the admin limit applies.
        Set<String> groups = principal instanceof JsonWebToken token && token.getGroups() != null
                ? token.getGroups() : Set.of();
        RateLimiter.Decision decision = limiter.consume(Caller.of(principal.getName(), groups), http.getRemoteAddr());
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            Response refused = new ApiException(429, "too_many_requests", "Too many requests; try again in "
                    + decision.retryAfterSeconds() + " s.").toResponse();
            request.abortWith(Response.fromResponse(refused)
                    .header("Retry-After", decision.retryAfterSeconds())
                    .header("X-RateLimit-Limit", decision.limit())
                    .header("X-RateLimit-Remaining", 0)
                    .build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision decision && decision.limit() > 0
                && !response.getHeaders().containsKey("X-RateLimit-Limit")) {
            response.getHeaders().add("X-RateLimit-Limit", decision.limit());
            response.getHeaders().add("X-RateLimit-Remaining", decision.remaining());
        }
    }
}

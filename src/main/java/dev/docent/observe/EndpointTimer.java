package dev.docent.observe;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Times every API call as docent_http_request_seconds{endpoint=Resource.method, status=...}, with P50/P95/P99 at
 * /metrics, and tells the caller the same figure in a {@code Server-Timing: app;dur=MILLIS} header (W3C Server
 * Timing: browsers' developer tools and the benchmarks read it). A streamed answer is timed until its stream opens;
 * its stages are timed on their own.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION - 100)
public class EndpointTimer implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = EndpointTimer.class.getName() + ".started";
    private static final Metadata REQUEST = Metadata.builder().withName("docent_http_request_seconds")
            .withDescription("Time to answer an API call").withUnit(MetricUnits.SECONDS).build();

    // JAX-RS instantiates providers through a public no-argument constructor, so this one takes its parts by field.
    @Context
    private ResourceInfo resource;

    @Inject
    private MetricRegistry metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started) || resource.getResourceMethod() == null) {
            return;
        }
        long elapsed = System.nanoTime() - started;
        String endpoint = resource.getResourceClass().getSimpleName() + "." + resource.getResourceMethod().getName();
        metrics.timer(REQUEST, new Tag("endpoint", endpoint), new Tag("status", String.valueOf(response.getStatus())))
                .update(Duration.ofNanos(elapsed));
        response.getHeaders().add("Server-Timing", String.format(Locale.ROOT, "app;dur=%.2f", elapsed / 1e6));
    }
}

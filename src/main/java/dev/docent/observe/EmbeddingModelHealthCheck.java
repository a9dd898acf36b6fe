package dev.docent.observe;

import dev.docent.embed.Embedder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the embedding model is loaded, so that the first question does not wait for it. */
@Readiness
@ApplicationScoped
public class EmbeddingModelHealthCheck implements HealthCheck {

    private final Embedder embedder;

    @Inject
    public EmbeddingModelHealthCheck(Embedder embedder) {
        this.embedder = embedder;
    }

    /** For CDI's client proxy only. */
    protected EmbeddingModelHealthCheck() {
        this(null);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("embedding-model").status(embedder.ready()).build();
    }
}

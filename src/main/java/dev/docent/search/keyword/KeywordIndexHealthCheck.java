package dev.docent.search.keyword;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the keyword index is built and no change has waited longer than docent.index.max-lag-seconds. */
@Readiness
@ApplicationScoped
public class KeywordIndexHealthCheck implements HealthCheck {

    private final KeywordIndexer index;
    private final double maxLagSeconds;

    @Inject
    public KeywordIndexHealthCheck(KeywordIndexer index,
                                   @ConfigProperty(name = "docent.index.max-lag-seconds", defaultValue = "60")
                                   double maxLagSeconds) {
        this.index = index;
        this.maxLagSeconds = maxLagSeconds;
    }

    /** For CDI's client proxy only. */
    protected KeywordIndexHealthCheck() {
        this(null, 60);
    }

    @Override
    public HealthCheckResponse call() {
        var lag = index.lag();
        return HealthCheckResponse.named("keyword-index")
                .status(index.built() && lag.oldestPendingSeconds() <= maxLagSeconds)
                .withData("built", index.built())
                .withData("pendingChanges", lag.pendingChanges())
                .withData("lagSeconds", Math.round(lag.oldestPendingSeconds()))
                .build();
    }
}

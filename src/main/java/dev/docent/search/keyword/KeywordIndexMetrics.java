package dev.docent.search.keyword;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/** The keyword index's lag at /metrics (not its size: a count over every group's documents is nobody's business). */
@ApplicationScoped
public class KeywordIndexMetrics {

    void register(@Observes @Initialized(ApplicationScoped.class) Object event, MetricRegistry registry,
                  KeywordIndexer index) {
        registry.gauge(Metadata.builder().withName("docent_keyword_index_pending_changes")
                        .withDescription("Chunk changes committed in PostgreSQL and not yet in this node's keyword index")
                        .build(),
                index, i -> i.lag().pendingChanges());
        registry.gauge(Metadata.builder().withName("docent_keyword_index_lag_seconds")
                        .withDescription("Age of the oldest chunk change not yet in this node's keyword index")
                        .withUnit(MetricUnits.SECONDS).build(),
                index, i -> i.lag().oldestPendingSeconds());
    }
}

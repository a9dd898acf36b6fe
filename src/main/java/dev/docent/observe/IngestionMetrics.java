package dev.docent.observe;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Ingestion at /metrics: jobs waiting (the queue's depth as the jobs table sees it), and how long jobs took, by
 * outcome.
 */
@ApplicationScoped
public class IngestionMetrics {

    private static final Metadata DURATION = Metadata.builder().withName("docent_ingestion_job_seconds")
            .withDescription("Time from a job's start to its end").withUnit(MetricUnits.SECONDS).build();

    @Resource(lookup = "jdbc/docentQuery")
    private DataSource dataSource;

    private MetricRegistry metrics;

    void register(@Observes @Initialized(ApplicationScoped.class) Object event, MetricRegistry registry) {
        this.metrics = registry;
        registry.gauge(Metadata.builder().withName("docent_ingestion_jobs_waiting")
                .withDescription("Ingestion jobs queued or processing").build(), this, IngestionMetrics::waiting);
    }

    public void jobFinished(String outcome, Duration took) {
        if (metrics != null) {
            metrics.timer(DURATION, new Tag("outcome", outcome)).update(took);
        }
    }

    long waiting() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT count(*) FROM ingestion_job WHERE status IN ('queued', 'processing')");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }
}

package dev.docent.observe;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the ingestion queue's provider accepts connections (uploads are queued there). */
@Readiness
@ApplicationScoped
public class MessagingHealthCheck implements HealthCheck {

    @Resource(lookup = "jms/docentConnectionFactory")
    private ConnectionFactory connectionFactory;

    @Override
    public HealthCheckResponse call() {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createBrowser(context.createQueue("docent.ingest")).close();
            return HealthCheckResponse.up("messaging");
        } catch (JMSRuntimeException | JMSException e) {
            return HealthCheckResponse.named("messaging").down().withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}

package dev.docent.observe;

import dev.docent.search.keyword.KeywordIndexer;
import dev.docent.store.DatabaseStatus;
import dev.docent.store.ReadReplica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while PostgreSQL answers; with PostgreSQL away, still ready but {@code degraded} as long as the keyword
 * index can answer questions (taking the node out of the load balancer would not help: every node shares the
 * database). Not ready when neither can. Also tells where reads go (the replica's state and lag).
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    private final DatabaseStatus database;
    private final ReadReplica replica;
    private final KeywordIndexer keywordIndex;

    @Inject
    public DatabaseHealthCheck(DatabaseStatus database, ReadReplica replica, KeywordIndexer keywordIndex) {
        this.database = database;
        this.replica = replica;
        this.keywordIndex = keywordIndex;
    }

    /** For CDI's client proxy only. */
    protected DatabaseHealthCheck() {
        this(null, null, null);
    }

    @Override
    public HealthCheckResponse call() {
        boolean reachable = database.check();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database")
                .withData("reachable", reachable)
                .withData("degraded", !reachable)
                .withData("replica", replica.state());
        if (!Double.isNaN(replica.lagSeconds())) {
            response.withData("replicaLagMillis", Math.round(replica.lagSeconds() * 1000));
        }
        database.outage().ifPresent(outage -> response.withData("unreachableSince", outage.since().toString())
                .withData("answeringFrom", "keyword-index"));
        return response.status(reachable || keywordIndex.built()).build();
    }
}

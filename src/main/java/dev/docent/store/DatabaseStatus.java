package dev.docent.store;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the primary database is reachable, as the query path last found it. After a connection failure the
 * query path stops trying (no request waits for a connect timeout) and answers from what this node holds, while a
 * probe checks every {@code docent.db.probe-millis} and lifts the outage as soon as PostgreSQL answers again.
 */
@ApplicationScoped
public class DatabaseStatus {

    private static final Logger LOG = Logger.getLogger(DatabaseStatus.class.getName());

    /** Since when, and why, the database has been out of reach. */
    public record Outage(Instant since, String reason) {
    }

    @Resource(lookup = "jdbc/docentQuery")
    private DataSource dataSource;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final long probeMillis;
    private volatile Outage outage;
    private ScheduledFuture<?> probing;

    @Inject
    public DatabaseStatus(@ConfigProperty(name = "docent.db.probe-millis", defaultValue = "1000") long probeMillis) {
        this.probeMillis = probeMillis;
    }

    /** For CDI's client proxy only. */
    protected DatabaseStatus() {
        this(1000);
    }

    public boolean reachable() {
        return outage == null;
    }

    public Optional<Outage> outage() {
        return Optional.ofNullable(outage);
    }

    /** Reports a failure; only a lost connection (not a failed statement) counts as an outage. */
    public void failed(Throwable failure) {
        if (ConnectionFailures.isConnectionFailure(failure)) {
            markUnreachable(String.valueOf(rootMessage(failure)));
        }
    }

    synchronized void markUnreachable(String reason) {
        if (outage != null) {
            return;
        }
        outage = new Outage(Instant.now(), reason);
        LOG.warning(() -> "PostgreSQL is out of reach (" + reason + "); answering from the keyword index until it "
                + "returns");
        if (probing == null || probing.isDone()) {
            probing = scheduler.scheduleWithFixedDelay(this::probe, probeMillis, probeMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Checks now; true when the database answers. A statement rather than isValid: a pooled connection left over
     * from before a restart must fail loudly, so that the pool discards them all; the check then asks once more,
     * on a new connection, as the query path's reads do (the pool does not validate connections at checkout).
     */
    public boolean check() {
        SQLException failure = null;
        for (int attempt = 0; attempt < 2 && (failure == null || ConnectionFailures.isConnectionFailure(failure));
             attempt++) {
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(2);
                statement.execute("SELECT 1");
                if (outage != null) {
                    recovered();
                }
                return true;
            } catch (SQLException e) {
                failure = e;
            }
        }
        markUnreachable(String.valueOf(rootMessage(failure)));
        return false;
    }

    private void probe() {
        if (outage != null) {
            check();
        }
    }

    private synchronized void recovered() {
        Outage ended = outage;
        outage = null;
        if (probing != null) {
            probing.cancel(false);
            probing = null;
        }
        if (ended != null) {
            LOG.info(() -> "PostgreSQL is back after " + (Instant.now().toEpochMilli() - ended.since().toEpochMilli())
                    + " ms");
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @PreDestroy
    synchronized void stop() {
        if (probing != null) {
            probing.cancel(false);
        }
    }
}

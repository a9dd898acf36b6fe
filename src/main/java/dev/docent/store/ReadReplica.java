package dev.docent.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * A streaming read replica (jdbc/docentReplica) for the query path, used while {@code docent.db.replica.enabled}
 * is true, it answers, and its replay lag stays within {@code docent.db.replica.max-lag-seconds}. Both settings
 * are read on every check, so an operator can switch the replica off, or tighten the bound, without a restart.
 */
@ApplicationScoped
public class ReadReplica {

    private static final Logger LOG = Logger.getLogger(ReadReplica.class.getName());

    /**
     * Seconds the replica's replay is behind: zero when it has replayed all it received (an idle primary sends
     * nothing, which is not lag), else the age of the last transaction it replayed. Null on a primary.
     */
    private static final String LAG = """
            SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL
                        WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                        ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END""";

    @Resource(lookup = "jdbc/docentReplica")
    private DataSource dataSource;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final Config config;
    private volatile boolean usable;
    private volatile double lagSeconds = Double.NaN;
    private volatile String state = "disabled";
    private ScheduledFuture<?> checking;

    @Inject
    public ReadReplica(Config config) {
        this.config = config;
    }

    /** For CDI's client proxy only. */
    protected ReadReplica() {
        this(null);
    }

    @PostConstruct
    void start() {
        long every = config.getOptionalValue("docent.db.replica.check-millis", Long.class).orElse(1000L);
        checking = scheduler.scheduleWithFixedDelay(this::check, 0, every, TimeUnit.MILLISECONDS);
    }

    /** True when reads should go to the replica now. */
    public boolean usable() {
        return usable && enabled();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The replica failed a read: the primary takes over until the next check finds it healthy again. */
    public void failed(Throwable failure) {
        usable = false;
        state = "failed: " + failure.getMessage();
        LOG.log(Level.WARNING, "read replica failed; reading from the primary", failure);
    }

    /** disabled, in use, lagging, down or failed: for readiness and the console. */
    public String state() {
        return state;
    }

    public double lagSeconds() {
        return lagSeconds;
    }

    void check() {
        if (!enabled()) {
            usable = false;
            state = "disabled";
            return;
        }
        double maxLag = config.getOptionalValue("docent.db.replica.max-lag-seconds", Double.class).orElse(10.0);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (ResultSet rows = statement.executeQuery(LAG)) {
                rows.next();
                double lag = rows.getDouble(1);
                boolean primary = rows.wasNull();
                lagSeconds = primary ? 0 : lag;
                boolean fresh = !primary && lag <= maxLag;
                if (fresh != usable) {
                    LOG.info(fresh ? "reading from the replica" : "the replica is " + (primary ? "not in recovery"
                            : "behind by " + lag + " s") + "; reading from the primary");
                }
                usable = fresh;
                state = primary ? "not a replica" : fresh ? "in use" : "lagging";
            }
        } catch (SQLException | RuntimeException e) {
            if (usable) {
                LOG.log(Level.WARNING, "read replica is down; reading from the primary", e);
            }
            usable = false;
            state = "down";
        }
    }

    private boolean enabled() {
        return config.getOptionalValue("docent.db.replica.enabled", Boolean.class).orElse(false);
    }

    @PreDestroy
    void stop() {
        if (checking != null) {
            checking.cancel(false);
        }
    }
}

package dev.docent.security;

import dev.docent.store.DatabaseStatus;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.optimization.manual.ManuallySyncingOptimization;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Token buckets per user and per client address (Bucket4j), kept in PostgreSQL so that every node counts against
 * the same limits. Limits per minute come from configuration, per role: docent.ratelimit.user.per-minute,
 * docent.ratelimit.admin.per-minute and docent.ratelimit.ip.per-minute. They are read per request, and a bucket's
 * key includes its limit, so a new limit takes effect at once. While the database cannot be reached each node
 * counts on its own, in memory: the limits still hold per node, and the service degrades rather than stops.
 *
 * <p>A request does not wait for PostgreSQL: each bucket a node uses keeps a local copy (Bucket4j's manually
 * syncing optimization), which decides, and a background task reports what it counted once it holds
 * {@code docent.ratelimit.sync-tokens} requests or is {@code docent.ratelimit.sync-millis} old, reading the other
 * nodes' counts in the same transaction. A copy unused that long is dropped, so that one is never trusted when
 * older than that: the next request reads the shared bucket first. On one node the count stays exact; with
 * several, a caller may get about that many requests past the limit per node before the shared count catches up.
 * A sync-tokens of 0 asks PostgreSQL on every request, inside it.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());
    private static final int MAX_SHARED_BUCKETS = 10_000;
    private static final long REPORT_TICK_MILLIS = 100;

    /** The outcome for one request: allowed or not, the limit that decided, what is left, when to retry. */
    public record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds) {

        static final Decision UNLIMITED = new Decision(true, 0, 0, 0);
    }

    @Resource(lookup = "jdbc/docent")
    private DataSource dataSource;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final Config config;
    private final DatabaseStatus database;
    private final Map<String, Bucket> localBuckets = new ConcurrentHashMap<>();
    /** Shared buckets with their local copies, which must outlive a request to save anything. */
    private final Map<String, LocalCopy> sharedBuckets = new ConcurrentHashMap<>();
    private PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private ScheduledFuture<?> cleaning;
    private ScheduledFuture<?> reporting;

    @Inject
    public RateLimiter(Config config, DatabaseStatus database) {
        this.config = config;
        this.database = database;
    }

    /** For CDI's client proxy only. */
    protected RateLimiter() {
        this(null, null);
    }

    @PostConstruct
    void start() {
        buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofMinutes(1)))
                .build();
        cleaning = scheduler.scheduleWithFixedDelay(this::removeExpired, 5, 5, TimeUnit.MINUTES);
        reporting = scheduler.scheduleWithFixedDelay(this::reportDue, REPORT_TICK_MILLIS, REPORT_TICK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Takes one token from the caller's bucket and from the client address's; the stricter answer wins. */
    public Decision consume(Caller caller, String clientAddress) {
        try {
            long userLimit = limit(caller.admin() ? "admin" : "user", caller.admin() ? 6000 : 120);
            Decision user = take("user:" + caller.user(), userLimit);
            if (!user.allowed()) {
                return user;
            }
            if (clientAddress == null) {
                return user;
            }
            Decision address = take("ip:" + clientAddress, limit("ip", 3000));
            return address.allowed() && address.remaining() >= user.remaining() ? user : address;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "rate limits could not be checked; letting the request through", e);
            return Decision.UNLIMITED;
        }
    }

    private Decision take(String subject, long perMinute) {
        if (perMinute <= 0) {
            return Decision.UNLIMITED;
        }
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
        String key = subject + "@" + perMinute;
        ConsumptionProbe probe = null;
        if (database.reachable()) {
            try {
                probe = shared(key, configuration).tryConsumeAndReturnRemaining(1);
                if (!localBuckets.isEmpty()) {
                    localBuckets.clear();
                }
            } catch (RuntimeException e) {
                database.failed(e);
                LOG.log(Level.FINE, "shared rate-limit bucket out of reach; counting on this node", e);
            }
        }
        if (probe == null) {
            probe = localBuckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                    .build()).tryConsumeAndReturnRemaining(1);
        }
        long retryAfter = probe.isConsumed() ? 0
                : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        return new Decision(probe.isConsumed(), perMinute, probe.getRemainingTokens(), retryAfter);
    }

    private Bucket shared(String key, BucketConfiguration configuration) {
        if (syncTokens() <= 0) {
            return buckets.getProxy(key, () -> configuration);
        }
        if (sharedBuckets.size() > MAX_SHARED_BUCKETS) {
            // At worst each forgets fewer than sync-tokens requests it had not reported yet.
            sharedBuckets.clear();
        }
        LocalCopy copy = sharedBuckets.computeIfAbsent(key, k -> new LocalCopy(buckets.builder()
                .withOptimization(new ManuallySyncingOptimization())
                .build(k, () -> configuration)));
        copy.used();
        return copy.bucket;
    }

    /** A scheduled task that throws is never run again: a bad setting must not stop the reports for good. */
    private void reportDue() {
        try {
            report(false);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "rate-limit counts not reported", e);
        }
    }

    /**
     * Reports the local copies' counts that are due (all of them when {@code everything}) and drops the copies
     * left unused for sync-millis. Runs on the scheduler, never in a request.
     */
    private void report(boolean everything) {
        long tokens = Math.max(1, syncTokens());
        long maxAgeNanos = TimeUnit.MILLISECONDS.toNanos(
                config.getOptionalValue("docent.ratelimit.sync-millis", Long.class).orElse(10_000L));
        long now = System.nanoTime();
        for (var entry : sharedBuckets.entrySet()) {
            LocalCopy copy = entry.getValue();
            long unreported = copy.unreported.get();
            boolean old = now - copy.reportedAt >= maxAgeNanos;
            if (unreported >= tokens || (unreported > 0 && (old || everything))) {
                try {
                    copy.unreported.addAndGet(-unreported);
                    copy.bucket.getOptimizationController().syncImmediately();
                    copy.reportedAt = now;
                } catch (RuntimeException e) {
                    // Bucket4j drops the copy's state when a sync fails; the next request starts over from the
                    // shared bucket, or from a node-local one while the database is out of reach.
                    sharedBuckets.remove(entry.getKey(), copy);
                    database.failed(e);
                    LOG.log(Level.FINE, "rate-limit counts not reported; the database is out of reach", e);
                }
            } else if (unreported == 0 && now - copy.usedAt >= maxAgeNanos) {
                sharedBuckets.remove(entry.getKey(), copy);
            }
        }
    }

    private long syncTokens() {
        return config.getOptionalValue("docent.ratelimit.sync-tokens", Long.class).orElse(10L);
    }

    /** A shared bucket's copy on this node, with what it counted since it last reported to PostgreSQL. */
    private static final class LocalCopy {
        private final BucketProxy bucket;
        private final AtomicLong unreported = new AtomicLong();
        private volatile long usedAt = System.nanoTime();
        private volatile long reportedAt = usedAt;

        LocalCopy(BucketProxy bucket) {
            this.bucket = bucket;
        }

        void used() {
            usedAt = System.nanoTime();
            unreported.incrementAndGet();
        }
    }

    private long limit(String role, long fallback) {
        return config.getOptionalValue("docent.ratelimit." + role + ".per-minute", Long.class).orElse(fallback);
    }

    private void removeExpired() {
        try {
            buckets.removeExpired(1000);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not remove expired rate-limit buckets", e);
        }
    }

    @PreDestroy
    void stop() {
        if (cleaning != null) {
            cleaning.cancel(false);
        }
        if (reporting != null) {
            reporting.cancel(false);
            try {
                report(true);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "rate-limit counts not reported at shutdown", e);
            }
        }
    }
}

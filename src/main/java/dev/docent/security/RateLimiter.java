package dev.docent.security;

import dev.docent.store.DatabaseStatus;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
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
 * <p>A node does not ask PostgreSQL on every request: each bucket it uses keeps a local copy that it synchronises
 * after {@code docent.ratelimit.sync-tokens} requests or {@code docent.ratelimit.sync-millis}, whichever comes first
 * (Bucket4j's delaying optimization). On one node the count stays exact; with several, a caller may get up to that
 * many requests past the limit per node before the shared count catches up. A value of 0 asks on every request.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());
    private static final int MAX_SHARED_BUCKETS = 10_000;

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
    private final Map<String, Bucket> sharedBuckets = new ConcurrentHashMap<>();
    private PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private ScheduledFuture<?> cleaning;

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
        long syncTokens = config.getOptionalValue("docent.ratelimit.sync-tokens", Long.class).orElse(10L);
        if (syncTokens <= 0) {
            return buckets.getProxy(key, () -> configuration);
        }
        if (sharedBuckets.size() > MAX_SHARED_BUCKETS) {
            // At worst each forgets fewer than sync-tokens requests it had not reported yet.
            sharedBuckets.clear();
        }
        return sharedBuckets.computeIfAbsent(key, k -> {
            long syncMillis = config.getOptionalValue("docent.ratelimit.sync-millis", Long.class).orElse(10_000L);
            return buckets.builder()
                    .withOptimization(Optimizations.delaying(
                            new DelayParameters(syncTokens, Duration.ofMillis(syncMillis))))
                    .build(k, () -> configuration);
        });
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
    }
}

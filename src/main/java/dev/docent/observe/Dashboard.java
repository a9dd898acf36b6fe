package dev.docent.observe;

import dev.docent.store.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The console's time series, from the query log and the feedback: per hour (up to two days) or per day, the
 * number of questions, latency P50/P95, the share answered from the cache, answered with sources, and degraded,
 * with thumbs up and down.
 */
@ApplicationScoped
public class Dashboard {

    /** One hour or one day. Ratios are between 0 and 1. */
    public record Bucket(Instant start, long questions, double p50Ms, double p95Ms, double cacheHitRatio,
                         double answeredRatio, long feedbackUp, long feedbackDown) {
    }

    private static final String SERIES = """
            WITH q AS (
                SELECT date_trunc(:unit, created_at) AS bucket, count(*) AS questions,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
                       avg(CASE WHEN cached THEN 1.0 ELSE 0.0 END) AS cached,
                       avg(CASE WHEN answered THEN 1.0 ELSE 0.0 END) AS answered
                FROM query_log WHERE created_at > now() - make_interval(days => :days) GROUP BY 1),
            f AS (
                SELECT date_trunc(:unit, created_at) AS bucket, count(*) FILTER (WHERE rating > 0) AS up,
                       count(*) FILTER (WHERE rating < 0) AS down
                FROM feedback WHERE created_at > now() - make_interval(days => :days) GROUP BY 1)
            SELECT coalesce(q.bucket, f.bucket), coalesce(q.questions, 0), coalesce(q.p50, 0), coalesce(q.p95, 0),
                   coalesce(q.cached, 0), coalesce(q.answered, 0), coalesce(f.up, 0), coalesce(f.down, 0)
            FROM q FULL JOIN f ON f.bucket = q.bucket ORDER BY 1""";

    private final EntityManager em;

    @Inject
    public Dashboard(EntityManager em) {
        this.em = em;
    }

    /** For CDI's client proxy only. */
    protected Dashboard() {
        this(null);
    }

    @Transactional
    public List<Bucket> series(int days) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SERIES).setParameter("unit", days <= 2 ? "hour" : "day")
                .setParameter("days", days).getResultList();
        return rows.stream().map(r -> new Bucket(SqlValues.instant(r[0]), number(r[1]).longValue(), number(r[2]).doubleValue(),
                number(r[3]).doubleValue(), number(r[4]).doubleValue(), number(r[5]).doubleValue(),
                number(r[6]).longValue(), number(r[7]).longValue())).toList();
    }

    private static Number number(Object value) {
        return (Number) value;
    }
}

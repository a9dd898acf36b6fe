package dev.docent.observe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/** Questions, language-model tokens and cost over a period, by user or by collection, from the query log. */
@ApplicationScoped
public class UsageReport {

    /** One user's or collection's totals. */
    public record Line(String key, long queries, long inputTokens, long outputTokens, double cost) {
    }

    private final EntityManager em;

    @Inject
    public UsageReport(EntityManager em) {
        this.em = em;
    }

    /** For CDI's client proxy only. */
    protected UsageReport() {
        this(null);
    }

    @Transactional
    public List<Line> byUser(int days) {
        return lines("""
                SELECT user_name, count(*), sum(input_tokens), sum(output_tokens), sum(cost) FROM query_log
                WHERE created_at > now() - make_interval(days => :days) GROUP BY 1 ORDER BY sum(cost) DESC, 1""", days);
    }

    /** A question routed to several collections counts for each of them. */
    @Transactional
    public List<Line> byCollection(int days) {
        return lines("""
                SELECT coalesce(c.name, 'all'), count(*), sum(q.input_tokens), sum(q.output_tokens), sum(q.cost)
                FROM query_log q
                LEFT JOIN LATERAL unnest(CASE WHEN cardinality(q.collection_ids) = 0 THEN ARRAY[NULL::bigint]
                                              ELSE q.collection_ids END) AS routed(id) ON true
                LEFT JOIN collection c ON c.id = routed.id
                WHERE q.created_at > now() - make_interval(days => :days) GROUP BY 1 ORDER BY 5 DESC, 1""", days);
    }

    private List<Line> lines(String sql, int days) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter("days", days).getResultList();
        return rows.stream().map(r -> new Line(String.valueOf(r[0]), ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue(), ((Number) r[3]).longValue(), ((Number) r[4]).doubleValue())).toList();
    }
}

package dev.docent.observe.quality;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Answer-quality scores in the query log, and their daily averages. */
@ApplicationScoped
public class QualityRecords {

    /** One day's averages over the judged answers. */
    public record Daily(LocalDate day, long judged, double faithfulness, double answerRelevance) {
    }

    private final EntityManager em;

    @Inject
    public QualityRecords(EntityManager em) {
        this.em = em;
    }

    /** For CDI's client proxy only. */
    protected QualityRecords() {
        this(null);
    }

    @Transactional
    public void record(UUID queryId, AnswerJudge.Judgement judgement) {
        em.createNativeQuery("UPDATE query_log SET faithfulness = :f, answer_relevance = :r, quality_judge = :j "
                        + "WHERE id = :id")
                .setParameter("f", (float) judgement.faithfulness())
                .setParameter("r", (float) judgement.answerRelevance())
                .setParameter("j", judgement.judge())
                .setParameter("id", queryId)
                .executeUpdate();
    }

    @Transactional
    public List<Daily> daily(int days) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT created_at::date, count(*), avg(faithfulness), avg(answer_relevance)
                        FROM query_log
                        WHERE faithfulness IS NOT NULL AND created_at > now() - make_interval(days => :days)
                        GROUP BY 1 ORDER BY 1""")
                .setParameter("days", days)
                .getResultList();
        return rows.stream().map(r -> new Daily(((java.sql.Date) r[0]).toLocalDate(), ((Number) r[1]).longValue(),
                ((Number) r[2]).doubleValue(), ((Number) r[3]).doubleValue())).toList();
    }
}

package dev.docent.observe.quality;

import dev.docent.search.RetrievedChunk;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Judges a sample ({@code docent.quality.sample-rate}) of live answers in the background, after the answer has
 * gone out, and records the scores with the query, so that quality can be followed over time.
 */
@ApplicationScoped
public class AnswerQuality {

    private static final Logger LOG = Logger.getLogger(AnswerQuality.class.getName());

    @Resource(lookup = "concurrent/docentExecutor")
    private ManagedExecutorService executor;

    private final AnswerJudge judge;
    private final QualityRecords records;
    private final double sampleRate;

    @Inject
    public AnswerQuality(AnswerJudge judge, QualityRecords records,
                         @ConfigProperty(name = "docent.quality.sample-rate", defaultValue = "0.1") double sampleRate) {
        this.judge = judge;
        this.records = records;
        this.sampleRate = sampleRate;
    }

    /** For CDI's client proxy only. */
    protected AnswerQuality() {
        this(null, null, 0);
    }

    public void maybeJudge(UUID queryId, String question, float[] questionVector, String answer,
                           List<RetrievedChunk> context) {
        if (sampleRate <= 0 || ThreadLocalRandom.current().nextDouble() >= sampleRate) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    records.record(queryId, judge.judge(question, questionVector, answer, context));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "could not judge the answer to query " + queryId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.fine("busy: answer not judged");
        }
    }
}

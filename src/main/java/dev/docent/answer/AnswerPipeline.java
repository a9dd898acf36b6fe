package dev.docent.answer;

import dev.docent.answer.llm.ChatInterruptedException;
import dev.docent.answer.llm.ChatRejectedException;
import dev.docent.cache.CachedAnswer;
import dev.docent.cache.AnswerCache;
import dev.docent.collection.CollectionRepository;
import dev.docent.embed.Embedder;
import dev.docent.guard.QuestionGuard;
import dev.docent.observe.StageTimers;
import dev.docent.route.QueryRouter;
import dev.docent.route.Route;
import dev.docent.search.Retrieval;
import dev.docent.search.RetrievalQuery;
import dev.docent.search.HybridRetriever;
import dev.docent.search.RetrievedChunk;
import dev.docent.search.SearchHit;
import dev.docent.search.SearchMode;
import dev.docent.security.Caller;
import dev.docent.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The query pipeline, one small interface per stage: the guard ({@link QuestionGuard}), the cache
 * ({@link AnswerCache}: the same question needs no embedding), the embedding ({@link Embedder}), routing
 * ({@link QueryRouter}), retrieval ({@link HybridRetriever}), the relevance gate ({@link RelevanceGate}: "I don't
 * know" when nothing is relevant enough) and generation ({@link AnswerGenerator}, extractive or a language model).
 * The caller's groups travel with the question, so every stage sees only what they may read.
 */
@ApplicationScoped
public class AnswerPipeline {

    public static final String I_DONT_KNOW = "I don't know based on the available knowledge.";

    private final QuestionGuard guard;
    private final Embedder embedder;
    private final QueryRouter router;
    private final AnswerCache cache;
    private final HybridRetriever retrieval;
    private final RelevanceGate gate;
    private final GeneratorSelector generators;
    private final AnswerRecorder recorder;
    private final StageTimers timers;
    private final CollectionRepository collections;
    private final int defaultTopK;
    private final int maxQuestionChars;
    private final SearchMode mode;

    @Inject
    public AnswerPipeline(QuestionGuard guard, Embedder embedder, QueryRouter router, AnswerCache cache,
                          HybridRetriever retrieval, RelevanceGate gate, GeneratorSelector generators,
                          AnswerRecorder recorder, StageTimers timers, CollectionRepository collections,
                          @ConfigProperty(name = "docent.ask.top-k", defaultValue = "5") int defaultTopK,
                          @ConfigProperty(name = "docent.ask.max-question-chars", defaultValue = "2000")
                          int maxQuestionChars,
                          @ConfigProperty(name = "docent.ask.mode", defaultValue = "hybrid") String mode) {
        this.guard = guard;
        this.embedder = embedder;
        this.router = router;
        this.cache = cache;
        this.retrieval = retrieval;
        this.gate = gate;
        this.generators = generators;
        this.recorder = recorder;
        this.timers = timers;
        this.collections = collections;
        this.defaultTopK = defaultTopK;
        this.maxQuestionChars = maxQuestionChars;
        this.mode = SearchMode.parse(mode, SearchMode.HYBRID);
    }

    /** For CDI's client proxy only. */
    protected AnswerPipeline() {
        this(null, null, null, null, null, null, null, null, null, null, 5, 2000, "hybrid");
    }

    /**
     * Validates the request and applies the guardrails, before anything is streamed.
     *
     * @throws ApiException 400/413 for a malformed request, 404 for an unknown collection, 422 for a refused one
     */
    public PreparedQuestion prepare(AskRequest request) {
        if (request == null || request.question() == null || request.question().isBlank()) {
            throw ApiException.badRequest("question is required.");
        }
        if (request.question().length() > maxQuestionChars) {
            throw new ApiException(413, "question_too_long",
                    "The question is longer than " + maxQuestionChars + " characters.");
        }
        if (request.topK() != null && (request.topK() < 1 || request.topK() > HybridRetriever.MAX_TOP_K)) {
            throw ApiException.badRequest("topK must be between 1 and " + HybridRetriever.MAX_TOP_K + ".");
        }
        List<Long> ids = collections.idsOf(request.collections());
        List<String> named = request.collections() == null ? List.of() : request.collections();
        return new PreparedQuestion(timers.time("guardrails", () -> guard.inspect(request.question().strip())),
                named, ids,
                request.topK() == null ? defaultTopK : request.topK());
    }

    public AnswerResult answer(PreparedQuestion question, Caller caller, AnswerListener listener) {
        long started = System.nanoTime();
        UUID queryId = UUID.randomUUID();
        Embedding vector = new Embedding("embed", () -> embedder.embedQuery(question.text()));
        // Cached questions are compared with questions, as they are: BGE's query instruction is for finding
        // passages, and without its ~11 tokens a paraphrase hit embeds 20-25% faster (bench cache-threshold: the
        // same separation of paraphrases from other questions). A miss then embeds the question twice.
        Embedding asked = embedder.queriesEmbedAsSentences() ? vector
                : new Embedding("cache_embed", () -> embedder.embedSentence(question.text()));
        AnswerGenerator generator = generators.current();
        String configKey = generator.id() + "|" + mode.wire() + "|" + question.topK() + "|" + gate.minScore();
        // The scope is what was asked for, not where routing went: a cached answer fits anyone who may read its
        // sources, and a repeated question is served before anything is embedded or routed.
        String scopeKey = question.collections().isEmpty() ? "auto"
                : question.collections().stream().sorted().collect(Collectors.joining(","));
        var cached = timers.time("cache", () -> cache.lookup(question.text(), asked, scopeKey, configKey, caller));
        if (cached.isPresent()) {
            CachedAnswer hit = cached.get();
            Answer answer = new Answer(queryId, question, caller, vector, Route.retrieval(List.of()), listener,
                    started);
            return answer.finish(hit.answer(), hit.sources(), List.of(), true, false, true, Usage.NONE,
                    "cache:" + hit.match());
        }
        float[] questionVector = vector.get();
        Route route = timers.time("route",
                () -> router.route(question.text(), questionVector, question.collectionIds(), caller));
        Answer answer = new Answer(queryId, question, caller, vector, route, listener, started);
        if (route.kind() == Route.Kind.SMALLTALK) {
            return answer.finish(route.reply(), List.of(), List.of(), false, false, true, Usage.NONE, "smalltalk");
        }

        Instant retrievedAt = Instant.now();
        Retrieval retrieved = timers.time("retrieve", () -> retrieval.retrieve(
                new RetrievalQuery(question.text(), questionVector, caller, route.collectionIds(), question.topK()),
                mode));
        boolean degraded = retrieved.degraded();
        List<RetrievedChunk> relevant = gate.relevant(retrieved.chunks());
        if (relevant.isEmpty()) {
            return answer.finish(I_DONT_KNOW, List.of(), relevant, false, degraded, true, Usage.NONE, generator.id());
        }
        List<SearchHit> sources = relevant.stream().map(SearchHit::source).toList();
        listener.onMeta(queryId, sources, route.kind().wire());
        answer.metaSent();
        AnswerGenerator.Generated generated = timers.time("generate",
                () -> generate(generator, question, questionVector, relevant, listener));
        if (generated.fallback()) {
            return answer.finish(generated.text(), sources, relevant, false, true, false, generated.usage(),
                    generator.id());
        }
        if (generated.text().equals(I_DONT_KNOW)) {
            // The model found no answer in the passages: no sources to show, nothing worth caching.
            return answer.finish(I_DONT_KNOW, List.of(), relevant, false, degraded, true, generated.usage(),
                    generator.id());
        }
        if (!generated.grounded()) {
            return answer.finish(I_DONT_KNOW, List.of(), relevant, false, degraded, false, generated.usage(),
                    generator.id());
        }
        if (!degraded) {
            // A degraded answer rests on a partial search; it is not worth keeping for others.
            cache.store(question.text(), asked.get(), scopeKey, configKey, generated.text(), sources, retrievedAt);
        }
        return answer.finish(generated.text(), sources, relevant, false, degraded, true, generated.usage(),
                generator.id());
    }

    /** One of the question's vectors, computed the first time a stage needs it (an exact cache hit needs none). */
    private final class Embedding implements Supplier<float[]> {
        private final String stage;
        private final Supplier<float[]> model;
        private float[] vector;

        Embedding(String stage, Supplier<float[]> model) {
            this.stage = stage;
            this.model = model;
        }

        @Override
        public float[] get() {
            if (vector == null) {
                vector = timers.time(stage, model);
            }
            return vector;
        }
    }

    private static AnswerGenerator.Generated generate(AnswerGenerator generator, PreparedQuestion question,
                                                      float[] vector, List<RetrievedChunk> relevant,
                                                      AnswerListener listener) {
        try {
            return generator.generate(question.text(), vector, relevant, listener::onToken);
        } catch (ChatInterruptedException e) {
            throw new ApiException(502, "generation_interrupted", "The language model stopped in the middle of "
                    + "the answer (" + e.getMessage() + "). Please ask again.");
        } catch (ChatRejectedException e) {
            throw new ApiException(502, "generation_failed", "The language model refused the request; an "
                    + "administrator should check its configuration.");
        }
    }

    /** One answer in the making: sends what has not been sent yet, records it, and builds the result. */
    private final class Answer {
        private final UUID queryId;
        private final PreparedQuestion question;
        private final Caller caller;
        private final Embedding vector;
        private final Route route;
        private final AnswerListener listener;
        private final long started;
        private boolean metaSent;

        Answer(UUID queryId, PreparedQuestion question, Caller caller, Embedding vector, Route route,
               AnswerListener listener, long started) {
            this.queryId = queryId;
            this.question = question;
            this.caller = caller;
            this.vector = vector;
            this.route = route;
            this.listener = listener;
            this.started = started;
        }

        void metaSent() {
            metaSent = true;
        }

        /** Text not yet streamed (small talk, cache, "I don't know") is streamed here, token by token. */
        AnswerResult finish(String text, List<SearchHit> sources, List<RetrievedChunk> relevant, boolean cached,
                            boolean degraded, boolean grounded, Usage usage, String generator) {
            if (!metaSent) {
                listener.onMeta(queryId, sources, route.kind().wire());
                TokenStream.emit(text, listener::onToken);
            }
            long latencyMs = (System.nanoTime() - started) / 1_000_000;
            AnswerResult result = new AnswerResult(queryId, text, sources, route.kind().wire(), cached, degraded,
                    grounded, usage, latencyMs);
            // Only a generated answer is judged, and only it needs the question's vector (a cache hit may not have it).
            recorder.record(new AnswerRecorder.Answered(result, caller, question, cached ? null : vector.get(),
                    route.collectionIds(), relevant, generator));
            listener.onDone(result);
            return result;
        }
    }
}

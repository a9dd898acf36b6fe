package dev.docent.answer;

import dev.docent.security.Caller;
import dev.docent.security.RateLimited;
import dev.docent.web.ApiException;
import dev.docent.web.ApiExceptions;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Questions in, cited answers out: whole (POST /ask) or streamed token by token (POST /ask/stream). */
@Path("ask")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
public class AskResource {

    private static final Logger LOG = Logger.getLogger(AskResource.class.getName());

    private final AnswerPipeline pipeline;
    private final Caller caller;

    @Resource(lookup = "concurrent/docentExecutor")
    private ManagedExecutorService executor;

    @Inject
    public AskResource(AnswerPipeline pipeline, Caller caller) {
        this.pipeline = pipeline;
        this.caller = caller;
    }

    /** For CDI's client proxy only. */
    protected AskResource() {
        this(null, null);
    }

    @RateLimited
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public AnswerResult ask(AskRequest request) {
        return pipeline.answer(pipeline.prepare(request), caller, AnswerListener.NONE);
    }

    /**
     * Bad and refused requests get a JSON error before the stream opens; a failure after it opened ends it with an
     * "error" event, so a client never waits on a stream that will not finish.
     */
    @RateLimited
    @POST
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(AskRequest request, @Context SseEventSink sink, @Context Sse sse) {
        PreparedQuestion question = pipeline.prepare(request);
        // The caller is an immutable value, so it can go with the work to the executor's thread.
        Caller asker = caller;
        SseAnswerListener listener = new SseAnswerListener(sink, sse);
        try {
            executor.execute(() -> answer(question, asker, listener));
        } catch (RejectedExecutionException e) {
            throw ApiException.unavailable("Docent is answering too many questions at once; try again shortly.");
        }
    }

    private void answer(PreparedQuestion question, Caller asker, SseAnswerListener listener) {
        try {
            pipeline.answer(question, asker, listener);
        } catch (SseAnswerListener.ClientGoneException e) {
            LOG.fine("client closed the stream before the answer was complete");
        } catch (RuntimeException e) {
            ApiException known = ApiExceptions.findCause(e);
            if (known != null) {
                listener.onError(known.code(), known.getMessage());
            } else {
                LOG.log(Level.SEVERE, "streamed answer failed", e);
                listener.onError("internal_error", "The answer could not be completed.");
            }
        }
    }
}

package dev.docent.embed;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Loads the embedding model in the background as the application starts; readiness waits for it. */
@ApplicationScoped
public class ModelWarmUp {

    private static final Logger LOG = Logger.getLogger(ModelWarmUp.class.getName());

    @Resource(lookup = "concurrent/docentExecutor")
    private ManagedExecutorService executor;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event, OnnxEmbedder embedder) {
        executor.execute(() -> {
            try {
                embedder.warmUp();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the embedding model could not be loaded", e);
            }
        });
    }
}

package dev.docent.route;

import dev.docent.embed.Vectors;
import dev.docent.security.Caller;
import dev.docent.store.DatabaseUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The default router. Small talk is recognised by meaning ({@link SmallTalk}). Collections named in the request
 * win; otherwise, among the collections the caller can read something in, it keeps the one whose content centroid
 * or description is closest to the question, and those within {@code docent.route.collection-margin} of it. When it
 * cannot tell (no profiles yet, the database busy), it searches them all rather than guess.
 */
@ApplicationScoped
public class EmbeddingQueryRouter implements QueryRouter {

    private static final Logger LOG = Logger.getLogger(EmbeddingQueryRouter.class.getName());

    private final SmallTalk smallTalk;
    private final CollectionProfiles profiles;
    private final double margin;
    private final int maxCollections;

    @Inject
    public EmbeddingQueryRouter(SmallTalk smallTalk, CollectionProfiles profiles,
                                @ConfigProperty(name = "docent.route.collection-margin", defaultValue = "0.05")
                                double margin,
                                @ConfigProperty(name = "docent.route.max-collections", defaultValue = "3")
                                int maxCollections) {
        this.smallTalk = smallTalk;
        this.profiles = profiles;
        this.margin = margin;
        this.maxCollections = maxCollections;
    }

    /** For CDI's client proxy only. */
    protected EmbeddingQueryRouter() {
        this(null, null, 0, 0);
    }

    @Override
    public Route route(String question, float[] vector, List<Long> requestedCollections, Caller caller) {
        if (!requestedCollections.isEmpty()) {
            return Route.retrieval(requestedCollections);
        }
        Optional<String> reply = smallTalk.reply(question, vector);
        if (reply.isPresent()) {
            return Route.smallTalk(reply.get());
        }
        try {
            List<Long> readable = profiles.readableBy(caller);
            if (readable.size() <= 1) {
                return Route.retrieval(readable);
            }
            return Route.retrieval(closest(vector, readable, profiles.current()));
        } catch (RuntimeException e) {
            // With the database away this is expected, and said once by DatabaseStatus.
            LOG.log(e instanceof DatabaseUnavailableException ? Level.FINE : Level.WARNING,
                    "routing fell back to every collection", e);
            return Route.retrieval(List.of());
        }
    }

    List<Long> closest(float[] vector, List<Long> readable, Map<Long, CollectionProfiles.Profile> known) {
        record Scored(long id, double score) {
        }
        List<Scored> scored = readable.stream()
                .map(id -> new Scored(id, score(vector, known.get(id))))
                .sorted(Comparator.comparingDouble(Scored::score).reversed())
                .toList();
        // The caller holds passages in every readable collection, so one with nothing to route by (no profile, or
        // one loaded before its first passages) is newer than the snapshot: searched too, rather than passed over.
        List<Long> unprofiled = scored.stream().filter(s -> Double.isNaN(s.score())).map(Scored::id).toList();
        List<Scored> profiled = scored.stream().filter(s -> !Double.isNaN(s.score())).toList();
        if (profiled.isEmpty()) {
            return readable;
        }
        double best = profiled.get(0).score();
        return Stream.concat(profiled.stream()
                        .filter(s -> s.score() >= best - margin)
                        .limit(maxCollections)
                        .map(Scored::id),
                unprofiled.stream())
                .toList();
    }

    /** How close a question is to a collection: to its content or its description, whichever is closer. */
    private static double score(float[] vector, CollectionProfiles.Profile profile) {
        if (profile == null || (profile.centroid() == null && profile.description() == null)) {
            return Double.NaN;
        }
        double content = profile.centroid() == null ? -1 : Vectors.dot(vector, profile.centroid());
        double description = profile.description() == null ? -1 : Vectors.dot(vector, profile.description());
        return Math.max(content, description);
    }
}

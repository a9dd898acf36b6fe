package dev.docent.route;

import dev.docent.embed.Vectors;
import com.pgvector.PGvector;
import dev.docent.embed.Embedder;
import dev.docent.search.AclStatistics;
import dev.docent.security.Caller;
import dev.docent.store.BackgroundReload;
import dev.docent.store.PassagesWritten;
import dev.docent.store.QueryDatabase;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What each collection is about, for routing: the centroid of (a sample of) its passages' vectors and the vector
 * of its description. Refreshed every {@code docent.route.refresh-seconds}; routing only ever reads a snapshot.
 */
@ApplicationScoped
public class CollectionProfiles {

    /** One collection's vectors; either may be null (no passages yet, no description). */
    public record Profile(long collectionId, float[] centroid, float[] description) {
    }

    private static final String CENTROIDS = """
            SELECT c.id, c.description,
                   (SELECT avg(s.embedding::vector) FROM (SELECT embedding FROM chunk WHERE collection_id = c.id
                                                         LIMIT ?) s)::text
            FROM collection c""";

    private final QueryDatabase database;
    private final AclStatistics statistics;
    private final Embedder embedder;
    private final Duration refresh;
    private final int sample;
    private volatile Map<Long, Profile> profiles = Map.of();
    private volatile Instant loadedAt = Instant.EPOCH;
    private final Map<String, float[]> descriptionVectors = new ConcurrentHashMap<>();
    private final BackgroundReload reloads = new BackgroundReload("collection profiles");

    @Resource(lookup = "concurrent/docentExecutor")
    private ManagedExecutorService executor;

    @Inject
    public CollectionProfiles(QueryDatabase database, AclStatistics statistics, Embedder embedder,
                              @ConfigProperty(name = "docent.route.refresh-seconds", defaultValue = "300") long refresh,
                              @ConfigProperty(name = "docent.route.centroid-sample", defaultValue = "5000") int sample) {
        this.database = database;
        this.statistics = statistics;
        this.embedder = embedder;
        this.refresh = Duration.ofSeconds(refresh);
        this.sample = sample;
    }

    /** For CDI's client proxy only. */
    protected CollectionProfiles() {
        this(null, null, null, 300, 5000);
    }

    /**
     * The last snapshot (empty before the first load, and routing then searches every readable collection); an
     * older one than {@code docent.route.refresh-seconds} is reloaded in the background, as averaging the passages
     * of every collection takes a while (137 ms at a million passages) that no question should wait for.
     */
    public Map<Long, Profile> current() {
        if (Instant.now().isAfter(loadedAt.plus(refresh))) {
            reloads.start(executor, this::reload);
        }
        return profiles;
    }

    /**
     * The collections in which the caller's groups hold passages, from the ACL statistics (at most a minute old):
     * a query over the documents here would read them all on every question, as row-level security keeps it from
     * using the group index. Empty, which means every collection, until the first count is in.
     */
    public List<Long> readableBy(Caller caller) {
        return statistics.collectionsHolding(caller.groups()).map(List::copyOf).orElse(List.of());
    }

    /** A collection's first passages: the next question reloads the profiles (in the background) to include them. */
    void onPassagesWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) PassagesWritten written) {
        Profile known = profiles.get(written.collectionId());
        if (known == null || known.centroid() == null) {
            loadedAt = Instant.EPOCH;
        }
    }

    private void reload() {
        Map<Long, Profile> loaded = new HashMap<>();
        database.asSystem(connection -> {
            try (PreparedStatement select = connection.prepareStatement(CENTROIDS)) {
                select.setInt(1, sample);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String centroid = rows.getString(3);
                        loaded.put(rows.getLong(1), new Profile(rows.getLong(1),
                                centroid == null ? null : Vectors.normalized(new PGvector(centroid).toArray()),
                                describe(rows.getString(2))));
                    }
                }
            }
            return null;
        });
        profiles = Map.copyOf(loaded);
        loadedAt = Instant.now();
    }

    private float[] describe(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        return descriptionVectors.computeIfAbsent(description, d -> embedder.embedPassages(List.of(d)).get(0));
    }
}

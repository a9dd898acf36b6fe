package dev.docent.search;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * How many passages each ACL group holds per collection, for an upper bound on what a caller may read in the
 * collections searched, and of how many passages there are: the dense retriever chooses its plan, and how widely
 * it walks the HNSW graph, by them, and each recount tells {@link GroupIndexes} which groups deserve an index.
 * Counted from the documents (their groups and chunk counts: a far smaller table than the passages), reloaded in
 * the background once older than {@code docent.search.acl-statistics-seconds}.
 * A stale count costs speed, never correctness: every plan returns exactly the rows the caller may read.
 */
@ApplicationScoped
public class AclStatistics {

    private static final String COUNTS = """
            SELECT g.name, d.collection_id, sum(d.chunk_count)
            FROM document d CROSS JOIN LATERAL unnest(d.acl_groups) AS g(name)
            GROUP BY g.name, d.collection_id""";
    private static final String PASSAGES = "SELECT collection_id, sum(chunk_count) FROM document GROUP BY collection_id";

    /** Passages per collection, per group and in all; when they were counted. */
    record Counts(Map<String, Map<Long, Long>> byGroup, Map<Long, Long> passages, Instant countedAt) {
    }

    /**
     * What a caller may read in the collections searched: at most {@code readableAtMost} of the {@code passages}
     * in the store, and through which of their groups.
     */
    public record Reach(long readableAtMost, long passages, List<GroupReach> groups) {

        public Reach(long readableAtMost, long passages) {
            this(readableAtMost, passages, List.of());
        }

        /** The share of the passages the caller may read at most; 1 when there are none. */
        public double share() {
            return passages <= 0 ? 1.0 : Math.min(1.0, (double) readableAtMost / passages);
        }
    }

    /**
     * One of the caller's groups: {@code readable} passages in the collections searched, of {@code passages} it
     * holds in all (what a partial index of the group would hold).
     */
    public record GroupReach(String group, long readable, long passages) {
    }

    private final QueryDatabase database;
    private final GroupIndexes groupIndexes;
    private final Config config;
    private final BackgroundReload recount = new BackgroundReload("ACL statistics");
    private volatile Counts counts;
    /** First passages counted since the last recount began (guarded by this): a recount may not have seen them. */
    private final List<Noted> firstPassages = new ArrayList<>();

    private record Noted(PassagesWritten written, Instant at) {
    }

    @Resource(lookup = "concurrent/docentExecutor")
    private ManagedExecutorService executor;

    @Inject
    public AclStatistics(QueryDatabase database, GroupIndexes groupIndexes, Config config) {
        this.database = database;
        this.groupIndexes = groupIndexes;
        this.config = config;
    }

    /** For CDI's client proxy only. */
    protected AclStatistics() {
        this(null, null, null);
    }

    /**
     * At most how many passages these groups may read in these collections (every collection when empty), and how
     * many there are; empty until the first count is in.
     */
    public Optional<Reach> reach(Collection<String> groups, List<Long> collectionIds) {
        Counts current = latest();
        if (current == null) {
            return Optional.empty();
        }
        List<GroupReach> byGroup = byGroup(current, groups, collectionIds);
        long readable = byGroup.stream().mapToLong(GroupReach::readable).sum();
        // Of all the passages, not of the collections': every walk goes through the whole store's graph (or a
        // group's), and meets the other collections' passages as it meets other groups'.
        return Optional.of(new Reach(readable, passages(current, List.of()), byGroup));
    }

    /**
     * The collections in which these groups hold passages, by the last count; empty until the first count is in.
     * For routing, which only narrows where a question is searched: it must not cost a pass over the documents on
     * every question, and a collection the count has not seen yet is still searched when nothing is narrowed.
     */
    public Optional<Set<Long>> collectionsHolding(Collection<String> groups) {
        Counts current = latest();
        return current == null ? Optional.empty() : Optional.of(collectionsHolding(current, groups));
    }

    static Set<Long> collectionsHolding(Counts counts, Collection<String> groups) {
        Set<Long> collections = new TreeSet<>();
        for (String group : groups) {
            counts.byGroup().getOrDefault(group, Map.of()).forEach((collection, passages) -> {
                if (passages > 0) {
                    collections.add(collection);
                }
            });
        }
        return collections;
    }

    /**
     * A collection's first passages for a group count at once, until the next recount counts them exactly: routing
     * reads the collections a caller's groups hold from here, and would otherwise miss a new collection for up to
     * {@code docent.search.acl-statistics-seconds}. New versions of documents already counted change nothing here.
     */
    synchronized void onPassagesWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) PassagesWritten written) {
        Counts current = counts;
        if (current == null) {
            return;
        }
        Counts updated = withFirstPassages(current, written);
        if (updated != current) {
            counts = updated;
            firstPassages.add(new Noted(written, Instant.now()));
        }
    }

    /**
     * A recount's result, with the first passages committed after it began (its snapshot may be older than them)
     * counted again, so that a recount running at the time does not hide a new collection until the next one.
     */
    synchronized Counts recounted(Counts fresh) {
        firstPassages.removeIf(noted -> noted.at().isBefore(fresh.countedAt()));
        Counts merged = fresh;
        for (Noted noted : firstPassages) {
            merged = withFirstPassages(merged, noted.written());
        }
        counts = merged;
        return merged;
    }

    /** The counts with {@code written}'s passages added where its groups held none in its collection. */
    static Counts withFirstPassages(Counts counts, PassagesWritten written) {
        Map<String, Map<Long, Long>> byGroup = null;
        for (String group : written.groups()) {
            if (counts.byGroup().getOrDefault(group, Map.of()).getOrDefault(written.collectionId(), 0L) > 0) {
                continue;
            }
            if (byGroup == null) {
                byGroup = new HashMap<>(counts.byGroup());
            }
            Map<Long, Long> perCollection = new HashMap<>(byGroup.getOrDefault(group, Map.of()));
            perCollection.put(written.collectionId(), (long) written.passages());
            byGroup.put(group, perCollection);
        }
        if (byGroup == null) {
            return counts;
        }
        Map<Long, Long> passages = new HashMap<>(counts.passages());
        passages.merge(written.collectionId(), (long) written.passages(), Math::max);
        return new Counts(byGroup, passages, counts.countedAt());
    }

    /** The last count (null before the first), and a recount in the background when it is too old. */
    private Counts latest() {
        Counts current = counts;
        // Read per call, so that an operator (or a test) can change it without a restart.
        long maxAge = config.getOptionalValue("docent.search.acl-statistics-seconds", Long.class).orElse(60L);
        if (current == null || current.countedAt().plus(Duration.ofSeconds(maxAge)).isBefore(Instant.now())) {
            recountInBackground();
        }
        return current;
    }

    /** The groups that hold passages in these collections, each with its own counts. */
    static List<GroupReach> byGroup(Counts counts, Collection<String> groups, List<Long> collectionIds) {
        List<GroupReach> reach = new ArrayList<>();
        for (String group : groups) {
            long readable = bound(counts, List.of(group), collectionIds);
            if (readable > 0) {
                reach.add(new GroupReach(group, readable, bound(counts, List.of(group), List.of())));
            }
        }
        return reach;
    }

    /** The sum over the groups: a passage readable through two of them is counted twice, hence "at most". */
    static long bound(Counts counts, Collection<String> groups, List<Long> collectionIds) {
        long total = 0;
        for (String group : groups) {
            Map<Long, Long> perCollection = counts.byGroup().getOrDefault(group, Map.of());
            if (collectionIds.isEmpty()) {
                total += perCollection.values().stream().mapToLong(Long::longValue).sum();
            } else {
                for (Long collection : collectionIds) {
                    total += perCollection.getOrDefault(collection, 0L);
                }
            }
        }
        return total;
    }

    static long passages(Counts counts, List<Long> collectionIds) {
        if (collectionIds.isEmpty()) {
            return counts.passages().values().stream().mapToLong(Long::longValue).sum();
        }
        return collectionIds.stream().mapToLong(collection -> counts.passages().getOrDefault(collection, 0L)).sum();
    }

    private void recountInBackground() {
        recount.start(executor, () -> groupIndexes.reconcile(recounted(count())));
    }

    private Counts count() {
        Instant countedAt = Instant.now();
        return database.asSystem(connection -> {
            Map<String, Map<Long, Long>> byGroup = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(COUNTS);
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byGroup.computeIfAbsent(rows.getString(1), g -> new HashMap<>())
                            .put(rows.getLong(2), rows.getLong(3));
                }
            }
            Map<Long, Long> passages = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(PASSAGES);
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    passages.put(rows.getLong(1), rows.getLong(2));
                }
            }
            return new Counts(byGroup, passages, countedAt);
        });
    }
}

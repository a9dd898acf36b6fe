package dev.docent.search;

import dev.docent.search.AclStatistics.GroupReach;
import dev.docent.search.AclStatistics.Reach;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Chooses how the dense retriever finds a caller's nearest passages, by how much the caller may read
 * ({@link AclStatistics}), comparing what each plan costs in rows of an exact scan:
 * <ul>
 * <li>the exact plan reads every permitted row through the ACL index and sorts them: as many rows as the caller may
 * read, recall 1;</li>
 * <li>the walk through the whole store's HNSW graph keeps k of the rows it meets, of which a share s is permitted,
 * so it visits about max(ef_search, k / s) of them, each worth about {@code exactScanCostRatio} rows of the exact
 * scan (measured at 1M passages, 1% of them readable: exact 35-65 ms, a walk for 50 rows 550 ms);</li>
 * <li>the group plan walks the partial index of each of the caller's groups that has one ({@link GroupIndexes}),
 * where nearly every row met is permitted, with {@code groupEfSearch} candidates at least, and reads the caller's
 * other groups exactly.</li>
 * </ul>
 * A caller who may read at most {@code exactScanMaxChunks} passages is read exactly unless a group index is cheaper.
 * Unknown counts (just started) walk the whole graph.
 */
final class DensePlanner {

    enum Kind {
        EXACT("exact"), GROUP_INDEX("group-index"), HNSW("hnsw");

        /** The plan's tag on docent_dense_searches_total. */
        final String tag;

        Kind(String tag) {
            this.tag = tag;
        }
    }

    /**
     * The plan: its kind, the HNSW candidate list (ef_search) its walks use, and for the group plan the groups
     * walked in their own index and those read exactly.
     */
    record Plan(Kind kind, int efSearch, List<String> indexedGroups, List<String> exactGroups) {
    }

    private final long exactScanMaxChunks;
    private final int exactScanCostRatio;
    private final int efSearch;
    private final int efSearchMax;
    private final IntSupplier groupEfSearch;

    DensePlanner(long exactScanMaxChunks, int exactScanCostRatio, int efSearch, int efSearchMax,
                 IntSupplier groupEfSearch) {
        this.exactScanMaxChunks = exactScanMaxChunks;
        this.exactScanCostRatio = exactScanCostRatio;
        this.efSearch = efSearch;
        this.efSearchMax = Math.max(efSearch, efSearchMax);
        this.groupEfSearch = groupEfSearch;
    }

    Plan plan(Optional<Reach> known, int topK, Set<String> groupIndexes) {
        if (known.isEmpty()) {
            return new Plan(Kind.HNSW, efSearch(1.0, topK), List.of(), List.of());
        }
        Reach reach = known.get();
        long exactCost = reach.readableAtMost();
        long walkCost = exactScanCostRatio * walkLength(share(reach), topK);
        Optional<Plan> byGroups = groupPlan(reach, topK, groupIndexes);
        if (byGroups.isPresent() && groupCost(reach, byGroups.get(), topK) < Math.min(exactCost, walkCost)) {
            return byGroups.get();
        }
        if (exactCost <= exactScanMaxChunks || exactCost <= walkCost) {
            return new Plan(Kind.EXACT, efSearch(share(reach), topK), List.of(), List.of());
        }
        return new Plan(Kind.HNSW, efSearch(share(reach), topK), List.of(), List.of());
    }

    /** The group plan when at least one of the caller's groups (with passages here) has an index of its own. */
    private Optional<Plan> groupPlan(Reach reach, int topK, Set<String> groupIndexes) {
        List<String> indexed = new ArrayList<>();
        List<String> exact = new ArrayList<>();
        double narrowest = 1.0;
        for (GroupReach group : reach.groups()) {
            if (groupIndexes.contains(group.group())) {
                indexed.add(group.group());
                narrowest = Math.min(narrowest, shareOfIndex(group));
            } else {
                exact.add(group.group());
            }
        }
        if (indexed.isEmpty()) {
            return Optional.empty();
        }
        int candidates = Math.max(groupEfSearch.getAsInt(), efSearch(narrowest, topK));
        return Optional.of(new Plan(Kind.GROUP_INDEX, candidates, indexed, exact));
    }

    /** A walk per indexed group, through its own graph, and the other groups' passages read exactly. */
    private long groupCost(Reach reach, Plan plan, int topK) {
        long cost = 0;
        for (GroupReach group : reach.groups()) {
            cost += plan.indexedGroups().contains(group.group())
                    ? exactScanCostRatio * Math.max(plan.efSearch(), (long) Math.ceil(topK / shareOfIndex(group)))
                    : group.readable();
        }
        return cost;
    }

    /** Of the passages in a group's index, the share in the collections searched. */
    private static double shareOfIndex(GroupReach group) {
        return group.passages() <= 0 ? 1.0 : Math.max(1e-6, Math.min(1.0, (double) group.readable() / group.passages()));
    }

    private long walkLength(double share, int topK) {
        return Math.max(efSearch(share, topK), (long) Math.ceil(topK / share));
    }

    /** The share the caller may read, kept off zero: a caller who may read nothing still divides. */
    private static double share(Reach reach) {
        return Math.max(reach.share(), 1e-6);
    }

    /**
     * The HNSW walk's candidate list: {@code docent.search.ef-search} divided by the square root of the share of
     * the rows met that are permitted, at most {@code docent.search.ef-search-max}. A walk through a graph whose
     * nodes are mostly filtered out meets few permitted ones and misses some of the nearest: at 10% of 100k
     * passages, recall@10 was 0.975 at 100, 0.987 at 200 and 0.996 at 400 (psql, BENCHMARKS.md).
     */
    int efSearch(double share, int topK) {
        long widened = Math.round(Math.ceil(efSearch / Math.sqrt(share)));
        return (int) Math.max(topK, Math.min(efSearchMax, widened));
    }
}

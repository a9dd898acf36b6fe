package dev.docent.search;

import com.pgvector.PGhalfvec;
import dev.docent.search.AclStatistics.Reach;
import dev.docent.store.PgArrays;
import dev.docent.store.QueryDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Nearest passages by cosine distance, filtered in SQL by the caller's groups, the collections and expiry (and by
 * row-level security behind that). The plan follows how much the caller may read ({@link AclStatistics}): a wide
 * permission walks pgvector's HNSW index, with iterative scans that keep walking until k rows pass the filter
 * (relaxed order, re-sorted in the outer query); a narrow one is read through the ACL index and sorted exactly
 * ({@link #exact}). A long walk past rows the caller may not read costs more than computing the distances of the
 * few it may, and the exact plan's recall is 1. Between the two, the walk's candidate list grows as the permission
 * narrows ({@link #efSearch}).
 */
@ApplicationScoped
public class DenseRetriever implements Retriever {

    static final String SETTINGS = "SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), "
            + "set_config('hnsw.ef_search', ?, true), set_config('hnsw.max_scan_tuples', ?, true), "
            + "set_config('statement_timeout', ?, true)";

    static final String QUERY = """
            WITH nearest AS MATERIALIZED (
                SELECT c.id, c.document_id, c.heading, c.text, c.embedding <=> ? AS distance
                FROM chunk c
                WHERE c.acl_groups && ?::text[]
                  AND (c.expires_at IS NULL OR c.expires_at > now())
                  AND (cardinality(?::bigint[]) = 0 OR c.collection_id = ANY (?::bigint[]))
                ORDER BY c.embedding <=> ?
                LIMIT ?)
            SELECT n.id, n.document_id, d.external_id, d.title, n.heading, n.text, n.distance
            FROM nearest n JOIN document d ON d.id = n.document_id
            ORDER BY n.distance, n.id""";

    /**
     * The narrow permission's plan: the permitted passages' exact nearest, found by the ACL index in
     * docent_nearest_permitted (see its migration for why a function), then read under row-level security.
     */
    static final String EXACT_QUERY = """
            SELECT c.id, c.document_id, d.external_id, d.title, c.heading, c.text, n.distance
            FROM docent_nearest_permitted(?::text[], ?::bigint[], ?, ?) n
            JOIN chunk c ON c.id = n.chunk_id
            JOIN document d ON d.id = c.document_id
            WHERE c.acl_groups && ?::text[]
            ORDER BY n.distance, c.id""";

    private final QueryDatabase database;
    private final AclStatistics statistics;
    private final MetricRegistry metrics;
    private final long exactScanMaxChunks;
    private final int exactScanCostRatio;
    private final int efSearch;
    private final int efSearchMax;
    private final int maxScanTuples;
    private final long timeoutMillis;

    @Inject
    public DenseRetriever(QueryDatabase database, AclStatistics statistics, MetricRegistry metrics,
                          @ConfigProperty(name = "docent.search.exact-scan-max-chunks", defaultValue = "3000")
                          long exactScanMaxChunks,
                          @ConfigProperty(name = "docent.search.exact-scan-cost-ratio", defaultValue = "15")
                          int exactScanCostRatio,
                          @ConfigProperty(name = "docent.search.ef-search", defaultValue = "100") int efSearch,
                          @ConfigProperty(name = "docent.search.ef-search-max", defaultValue = "300")
                          int efSearchMax,
                          @ConfigProperty(name = "docent.search.max-scan-tuples", defaultValue = "20000")
                          int maxScanTuples,
                          @ConfigProperty(name = "docent.search.vector-timeout-millis", defaultValue = "5000")
                          long timeoutMillis) {
        this.database = database;
        this.statistics = statistics;
        this.metrics = metrics;
        this.exactScanMaxChunks = exactScanMaxChunks;
        this.exactScanCostRatio = exactScanCostRatio;
        this.efSearch = efSearch;
        this.efSearchMax = Math.max(efSearch, efSearchMax);
        this.maxScanTuples = maxScanTuples;
        this.timeoutMillis = timeoutMillis;
    }

    /** For CDI's client proxy only. */
    protected DenseRetriever() {
        this(null, null, null, 0, 15, 100, 300, 20000, 5000);
    }

    @Override
    public List<RetrievedChunk> retrieve(RetrievalQuery query) {
        return database.asCaller(query.caller(), connection -> search(connection, query));
    }

    /**
     * Exact when the caller may read at most {@code docent.search.exact-scan-max-chunks} passages here, or when
     * reading all they may read costs less than the walk would: a walk that keeps k of the rows it meets, where a
     * share s of them is permitted, visits about max(ef_search, k / s) of them, and each visit costs about as much as
     * {@code docent.search.exact-scan-cost-ratio} rows of the exact plan (measured at 1M passages: 1% of them, 10k,
     * read exactly in 35-65 ms, where the walk for 50 of them took 550 ms). Unknown counts (just started) walk.
     */
    boolean exact(Optional<Reach> reach, int topK) {
        return reach.map(r -> r.readableAtMost() <= exactScanMaxChunks
                || r.readableAtMost() <= exactScanCostRatio * walkLength(r, topK)).orElse(false);
    }

    private long walkLength(Reach reach, int topK) {
        return Math.max(efSearch(Optional.of(reach), topK), (long) Math.ceil(topK / share(reach)));
    }

    /** The share the caller may read, kept off zero: a caller who may read nothing still divides. */
    private static double share(Reach reach) {
        return Math.max(reach.share(), 1e-6);
    }

    /**
     * The HNSW walk's candidate list: {@code docent.search.ef-search} divided by the square root of the share of
     * the passages the caller may read, at most {@code docent.search.ef-search-max}. A walk through a graph whose
     * nodes are mostly filtered out meets few permitted ones and misses some of the nearest: at 10% of 100k
     * passages, recall@10 was 0.975 at 100, 0.987 at 200 and 0.996 at 400 (psql, BENCHMARKS.md).
     */
    int efSearch(Optional<Reach> reach, int topK) {
        double share = reach.map(DenseRetriever::share).orElse(1.0);
        long widened = Math.round(Math.ceil(efSearch / Math.sqrt(share)));
        return (int) Math.max(topK, Math.min(efSearchMax, widened));
    }

    private List<RetrievedChunk> search(Connection connection, RetrievalQuery query) throws SQLException {
        Optional<Reach> reach = statistics.reach(query.caller().groups(), query.collectionIds());
        boolean exact = exact(reach, query.topK());
        metrics.counter("docent_dense_searches_total", new Tag("plan", exact ? "exact" : "hnsw")).inc();
        try (PreparedStatement settings = connection.prepareStatement(SETTINGS)) {
            settings.setString(1, Integer.toString(efSearch(reach, query.topK())));
            settings.setString(2, Integer.toString(maxScanTuples));
            // A vector search slower than this is abandoned, and the question answered from the keyword index.
            settings.setString(3, Long.toString(timeoutMillis));
            settings.execute();
        }
        PGhalfvec vector = new PGhalfvec(query.vector());
        Array collections = connection.createArrayOf("bigint", query.collectionIds().toArray());
        String groups = PgArrays.literal(query.caller().groups());
        try (PreparedStatement select = connection.prepareStatement(exact ? EXACT_QUERY : QUERY)) {
            if (exact) {
                select.setString(1, groups);
                select.setArray(2, collections);
                select.setObject(3, vector);
                select.setInt(4, query.topK());
                select.setString(5, groups);
            } else {
                select.setObject(1, vector);
                select.setString(2, groups);
                select.setArray(3, collections);
                select.setArray(4, collections);
                select.setObject(5, vector);
                select.setInt(6, query.topK());
            }
            List<RetrievedChunk> chunks = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    double similarity = 1.0 - rows.getDouble(7);
                    chunks.add(new RetrievedChunk(rows.getLong(1), rows.getObject(2, UUID.class), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), similarity, similarity));
                }
            }
            return chunks;
        }
    }
}

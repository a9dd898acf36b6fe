package dev.docent.search;

import com.pgvector.PGhalfvec;
import dev.docent.store.PgArrays;
import dev.docent.store.QueryDatabase;
import dev.docent.store.ScopedQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Nearest passages by cosine distance, filtered in SQL by the caller's groups, the collections and expiry (and by
 * row-level security behind that). The plan follows how much the caller may read ({@link DensePlanner}): a wide
 * permission walks pgvector's HNSW index, with iterative scans that keep walking until k rows pass the filter
 * (relaxed order, re-sorted in the outer query); a narrow one is read through the ACL index and sorted exactly; a
 * caller whose large groups have an index of their own ({@link GroupIndexes}) walks those.
 */
@ApplicationScoped
public class DenseRetriever implements Retriever {

    static final String QUERY = """
            WITH nearest AS MATERIALIZED (
                SELECT c.id, c.document_id, c.heading, c.text, c.embedding <=> ? AS distance
                FROM chunk c
                WHERE c.acl_groups && ?::text[]
                  AND (c.expires_at IS NULL OR c.expires_at > now())
                  AND (cardinality(?::bigint[]) = 0 OR c.collection_id = ANY (?::bigint[]))
                ORDER BY distance
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

    /**
     * The group plan: each indexed group's nearest from its own partial index, the caller's other groups exactly,
     * in docent_nearest_in_groups (see its migration), merged here (a passage of two groups comes back twice).
     */
    static final String GROUP_QUERY = """
            WITH nearest AS (
                SELECT g.chunk_id, min(g.distance) AS distance
                FROM docent_nearest_in_groups(?::text[], ?::text[], ?::bigint[], ?, ?) g
                GROUP BY g.chunk_id
                ORDER BY 2, 1
                LIMIT ?)
            SELECT c.id, c.document_id, d.external_id, d.title, c.heading, c.text, n.distance
            FROM nearest n
            JOIN chunk c ON c.id = n.chunk_id
            JOIN document d ON d.id = c.document_id
            WHERE c.acl_groups && ?::text[]
            ORDER BY n.distance, c.id""";

    private final QueryDatabase database;
    private final AclStatistics statistics;
    private final GroupIndexes groupIndexes;
    private final MetricRegistry metrics;
    private final DensePlanner planner;
    private final int maxScanTuples;
    private final long timeoutMillis;

    @Inject
    public DenseRetriever(QueryDatabase database, AclStatistics statistics, GroupIndexes groupIndexes,
                          MetricRegistry metrics, Config config,
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
        this.groupIndexes = groupIndexes;
        this.metrics = metrics;
        // Read per search, so that an operator (or a test) can change it without a restart.
        this.planner = new DensePlanner(exactScanMaxChunks, exactScanCostRatio, efSearch, efSearchMax,
                () -> config.getOptionalValue("docent.search.group-index-ef-search", Integer.class).orElse(200));
        this.maxScanTuples = maxScanTuples;
        this.timeoutMillis = timeoutMillis;
    }

    /** For CDI's client proxy only. */
    protected DenseRetriever() {
        this(null, null, null, null, null, 0, 15, 100, 300, 20000, 5000);
    }

    /**
     * The scope, the plan's settings and the query go in one round trip ({@link QueryDatabase#queryAsCaller}),
     * where a transaction of their own took four (scope, settings, query, commit).
     */
    @Override
    public List<RetrievedChunk> retrieve(RetrievalQuery query) {
        DensePlanner.Plan plan = planner.plan(statistics.reach(query.caller().groups(), query.collectionIds()),
                query.topK(), groupIndexes.ready());
        metrics.counter("docent_dense_searches_total", new Tag("plan", plan.kind().tag)).inc();
        Map<String, String> settings = Map.of(
                "hnsw.iterative_scan", "relaxed_order",
                "hnsw.ef_search", Integer.toString(plan.efSearch()),
                "hnsw.max_scan_tuples", Integer.toString(maxScanTuples),
                // A vector search slower than this is abandoned, and the question answered from the keyword index.
                "statement_timeout", Long.toString(timeoutMillis));
        String sql = switch (plan.kind()) {
            case EXACT -> EXACT_QUERY;
            case GROUP_INDEX -> GROUP_QUERY;
            case HNSW -> QUERY;
        };
        return database.queryAsCaller(query.caller(), settings, sql, new Nearest(plan, query));
    }

    /** The plan's parameters, and its rows as passages. */
    private record Nearest(DensePlanner.Plan plan, RetrievalQuery query)
            implements ScopedQuery<List<RetrievedChunk>> {

        @Override
        public void bind(PreparedStatement select, int at) throws SQLException {
            Connection connection = select.getConnection();
            PGhalfvec vector = new PGhalfvec(query.vector());
            Array collections = connection.createArrayOf("bigint", query.collectionIds().toArray());
            String groups = PgArrays.literal(query.caller().groups());
            switch (plan.kind()) {
                case EXACT -> {
                    select.setString(at, groups);
                    select.setArray(at + 1, collections);
                    select.setObject(at + 2, vector);
                    select.setInt(at + 3, query.topK());
                    select.setString(at + 4, groups);
                }
                case GROUP_INDEX -> {
                    select.setArray(at, connection.createArrayOf("text", plan.indexedGroups().toArray()));
                    select.setArray(at + 1, connection.createArrayOf("text", plan.exactGroups().toArray()));
                    select.setArray(at + 2, collections);
                    select.setObject(at + 3, vector);
                    select.setInt(at + 4, query.topK());
                    select.setInt(at + 5, query.topK());
                    select.setString(at + 6, groups);
                }
                case HNSW -> {
                    select.setObject(at, vector);
                    select.setString(at + 1, groups);
                    select.setArray(at + 2, collections);
                    select.setArray(at + 3, collections);
                    select.setInt(at + 4, query.topK());
                }
            }
        }

        @Override
        public List<RetrievedChunk> read(ResultSet rows) throws SQLException {
            List<RetrievedChunk> chunks = new ArrayList<>();
            while (rows.next()) {
                double similarity = 1.0 - rows.getDouble(7);
                chunks.add(new RetrievedChunk(rows.getLong(1), rows.getObject(2, UUID.class), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), similarity, similarity));
            }
            return chunks;
        }
    }
}

package dev.docent.search;

import com.pgvector.PGhalfvec;
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
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Nearest passages by cosine distance with pgvector's HNSW index, filtered in SQL by the caller's groups, the
 * collections and expiry (and by row-level security behind that). Iterative index scans keep walking the graph
 * until k rows pass the filter, so a filter that matches 1% of the rows still returns k results; relaxed order is
 * re-sorted in the outer query.
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

    private final QueryDatabase database;
    private final int efSearch;
    private final int maxScanTuples;
    private final long timeoutMillis;

    @Inject
    public DenseRetriever(QueryDatabase database,
                          @ConfigProperty(name = "docent.search.ef-search", defaultValue = "100") int efSearch,
                          @ConfigProperty(name = "docent.search.max-scan-tuples", defaultValue = "20000")
                          int maxScanTuples,
                          @ConfigProperty(name = "docent.search.vector-timeout-millis", defaultValue = "5000")
                          long timeoutMillis) {
        this.database = database;
        this.efSearch = efSearch;
        this.maxScanTuples = maxScanTuples;
        this.timeoutMillis = timeoutMillis;
    }

    /** For CDI's client proxy only. */
    protected DenseRetriever() {
        this(null, 100, 20000, 5000);
    }

    @Override
    public List<RetrievedChunk> retrieve(RetrievalQuery query) {
        return database.asCaller(query.caller(), connection -> search(connection, query));
    }

    private List<RetrievedChunk> search(Connection connection, RetrievalQuery query) throws SQLException {
        try (PreparedStatement settings = connection.prepareStatement(SETTINGS)) {
            settings.setString(1, Integer.toString(Math.max(efSearch, query.topK())));
            settings.setString(2, Integer.toString(maxScanTuples));
            // A vector search slower than this is abandoned, and the question answered from the keyword index.
            settings.setString(3, Long.toString(timeoutMillis));
            settings.execute();
        }
        PGhalfvec vector = new PGhalfvec(query.vector());
        Array collections = connection.createArrayOf("bigint", query.collectionIds().toArray());
        try (PreparedStatement select = connection.prepareStatement(QUERY)) {
            select.setObject(1, vector);
            select.setString(2, PgArrays.literal(query.caller().groups()));
            select.setArray(3, collections);
            select.setArray(4, collections);
            select.setObject(5, vector);
            select.setInt(6, query.topK());
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

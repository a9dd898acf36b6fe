package dev.docent.bench;

import com.pgvector.PGvector;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The peer Docent is compared with: a plain LangChain4j 1.11 pipeline in its best configuration, on the same
 * PostgreSQL + pgvector, corpus and embedding model (bge-small-en-v1.5 INT8). Everything is LangChain4j's own API
 * (recursive splitter sized in the model's tokens, {@code embedAll}, {@link PgVectorEmbeddingStore} and its Filter
 * API) except what a careful user adds by hand because the store cannot: a HikariCP pool, an HNSW index built after
 * the load (the store only knows IVFFlat), and {@code hnsw.ef_search = 100} on every connection so that its recall
 * is comparable with Docent's. Iterative index scans are deliberately left off: that is the store's real behaviour.
 * Measured on pgvector 0.8 (10k and 40k rows): with any metadata filter, even one every row passes, the planner
 * estimates the store's JSON predicate at ~0.2% of rows and picks a sequential scan and top-N sort over HNSW, so
 * filtered searches come back exact and full; only unfiltered ones (aclKey null) walk the index. Also the store
 * runs CREATE EXTENSION IF NOT EXISTS and registers the vector type on every connection it borrows, and inlines the
 * query vector into the SQL text: extra round trips and a fresh parse on every search, all inside what is timed.
 */
public final class LangChain4jPipeline implements AutoCloseable {

    /** BGE's instruction for queries (passages get none), the same as Docent's default. */
    static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";
    /** The metadata value every ACL key carries; absent keys are simply missing from the JSON. */
    static final String YES = "yes";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * What an ingest cost: tokens are word pieces of the stored segments by the model's own vocabulary, without
     * [CLS]/[SEP] (as Docent counts); seconds are wall-clock, the index build (with ANALYZE) apart from the rest.
     */
    public record IngestResult(int documents, int segments, long tokens, double splitEmbedStoreSeconds,
                               double indexSeconds) {
    }

    private final String table;
    private final HikariDataSource pool;
    private final EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
    // The default estimator loads bert-base-uncased's tokenizer.json: same WordPiece vocabulary, normalizer and
    // pre-tokenizer as the one in the BGE jar (checked field by field); it turns truncation off and adds no special
    // tokens. So the 300/30 below are the model's real tokens, not the 4-characters-per-token guess.
    private final HuggingFaceTokenCountEstimator tokenizer = new HuggingFaceTokenCountEstimator();
    private final DocumentSplitter splitter = DocumentSplitters.recursive(300, 30, tokenizer);
    private final PgVectorEmbeddingStore store;

    public LangChain4jPipeline(String jdbcUrl, String user, String password, String table, int poolSize) {
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("table must be a plain lower-case identifier: " + table);
        }
        this.table = table;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("lc4j-bench");
        // The store sets nothing per query, so the pool is the only place to give every connection Docent's
        // ef_search (pgvector's default of 40 would lose recall and flatter the peer's latency).
        config.setConnectionInitSql("SET hnsw.ef_search = 100");
        this.pool = new HikariDataSource(config);
        // COMBINED_JSON (a "metadata json" column) is the default; the Filter API maps isEqualTo onto
        // metadata->>'key', which is all the ACL filters need. No index is asked of the store: it would build an
        // IVFFlat one on an empty table; the HNSW index comes after the load instead.
        this.store = PgVectorEmbeddingStore.datasourceBuilder()
                .datasource(pool)
                .table(table)
                .dimension(384)
                .createTable(true)
                .dropTableFirst(true)
                .useIndex(false)
                .build();
    }

    /** Splits, embeds and stores the documents in one pass, then builds the HNSW index. */
    public IngestResult ingest(List<BenchDocument> docs) throws SQLException {
        List<Document> documents = new ArrayList<>(docs.size());
        for (BenchDocument doc : docs) {
            Metadata metadata = new Metadata().put("id", doc.id()).put("title", doc.title()).put("all", YES);
            if (doc.in10()) {
                metadata.put("g10", YES);
            }
            if (doc.in1()) {
                metadata.put("g1", YES);
            }
            documents.add(Document.from(doc.text(), metadata));
        }
        long start = System.nanoTime();
        // What EmbeddingStoreIngestor does (splitAll, segment transformer, one embedAll, one addAll), inlined only
        // to keep the segments for the token count. The transformer is the RAG tutorial's: the title on every
        // segment, as Docent puts it on every passage; otherwise only the first would carry it.
        List<TextSegment> segments = splitter.splitAll(documents).stream()
                .map(s -> TextSegment.from(s.metadata().getString("title") + "\n" + s.text(), s.metadata()))
                .toList();
        // embedAll runs one ONNX call per segment on the model's own executor, i.e. on every core.
        List<Embedding> embeddings = model.embedAll(segments).content();
        store.addAll(embeddings, segments);
        long stored = System.nanoTime();
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            // Docent's index parameters. ANALYZE so that the plans do not depend on when autovacuum passes by.
            statement.execute("CREATE INDEX " + table + "_hnsw ON " + table
                    + " USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 200)");
            statement.execute("ANALYZE " + table);
        }
        long indexed = System.nanoTime();
        long tokens = 0;
        for (TextSegment segment : segments) {
            tokens += tokenizer.estimateTokenCountInText(segment.text());
        }
        return new IngestResult(docs.size(), segments.size(), tokens, (stored - start) / 1e9, (indexed - stored) / 1e9);
    }

    /**
     * The document ids of the k nearest segments, best first, one per segment (a document with two matching
     * segments appears twice; the caller dedupes if it wants documents). aclKey null searches everything
     * unfiltered; "all", "g10" or "g1" filter on that metadata key (fewer than k come back only if the planner
     * chose the HNSW index and the filter dropped rows after it).
     */
    public List<String> search(String query, int k, String aclKey) {
        return matches(query, k, aclKey).stream().map(match -> match.embedded().metadata().getString("id")).toList();
    }

    /** The same search, answering the segments' embedding ids: what recall is measured on. */
    public List<String> searchEmbeddingIds(String query, int k, String aclKey) {
        return matches(query, k, aclKey).stream().map(EmbeddingMatch::embeddingId).toList();
    }

    /**
     * The true k nearest segments under the same filter, by a sequential scan: the ground truth for the HNSW
     * search above. The vector must be the query's embedding with {@link #QUERY_INSTRUCTION}.
     */
    public List<String> exactEmbeddingIds(float[] vector, int k, String aclKey) throws SQLException {
        // The store's filter on its JSON column is (metadata->>'key')::text = 'yes'; keys are ours, never input.
        String where = aclKey == null ? "" : " WHERE (metadata->>'" + aclKey.replace("'", "''") + "') = '" + YES + "'";
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement();
                 PreparedStatement select = connection.prepareStatement("SELECT embedding_id::text FROM " + table
                         + where + " ORDER BY embedding <=> ?::vector LIMIT ?")) {
                // Without index scans the planner can only scan and sort: exact, whatever the filter.
                statement.execute("SET LOCAL enable_indexscan = off");
                select.setString(1, new PGvector(vector).toString());
                select.setInt(2, k);
                List<String> ids = new ArrayList<>(k);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return ids;
            } finally {
                connection.commit();
            }
        }
    }

    private List<EmbeddingMatch<TextSegment>> matches(String query, int k, String aclKey) {
        Embedding embedding = model.embed(QUERY_INSTRUCTION + query).content();
        EmbeddingSearchRequest.EmbeddingSearchRequestBuilder request = EmbeddingSearchRequest.builder()
                .queryEmbedding(embedding).maxResults(k);
        if (aclKey != null) {
            request.filter(MetadataFilterBuilder.metadataKey(aclKey).isEqualTo(YES));
        }
        return store.search(request.build()).matches();
    }

    public String table() {
        return table;
    }

    public void dropTable() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}

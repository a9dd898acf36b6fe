package dev.docent.search.keyword;

import dev.docent.embed.Vectors;
import dev.docent.search.RetrievedChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * A Lucene BM25 index of chunks on this node's disk. Each entry carries the chunk's ACL groups, collection and
 * expiry, and every search filters by them as the SQL path does. What has been applied is recorded in the commit
 * (the change-log watermark and the database it came from), so a restarted node resumes where it stopped.
 */
public class KeywordIndex implements AutoCloseable {

    static final String ID = "id";
    static final String BODY = "body";
    static final String ACL = "acl";
    static final String COLLECTION = "collection";
    static final String EXPIRES = "expires";
    private static final String DOCUMENT_ID = "document_id";
    private static final String EXTERNAL_ID = "external_id";
    private static final String TITLE = "title";
    private static final String HEADING = "heading";
    private static final String TEXT = "text";
    private static final String EMBEDDING = "embedding";

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final BM25Similarity similarity = new BM25Similarity();

    public KeywordIndex(Path directory) {
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setSimilarity(similarity);
            this.writer = new IndexWriter(FSDirectory.open(directory), config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the keyword index at " + directory, e);
        }
    }

    public void upsert(IndexedChunk chunk) {
        Document document = new Document();
        document.add(new StringField(ID, Long.toString(chunk.chunkId()), Field.Store.YES));
        document.add(new StoredField(DOCUMENT_ID, chunk.documentId().toString()));
        document.add(new StoredField(EXTERNAL_ID, chunk.externalId()));
        document.add(new StoredField(TITLE, chunk.title()));
        if (chunk.heading() != null) {
            document.add(new StoredField(HEADING, chunk.heading()));
        }
        document.add(new StoredField(TEXT, chunk.text()));
        if (chunk.embedding() != null) {
            document.add(new StoredField(EMBEDDING, toBytes(chunk.embedding())));
        }
        // The words the embedding model sees, too: title and heading, then the passage.
        String body = chunk.title() + "\n" + (chunk.heading() == null ? "" : chunk.heading() + "\n") + chunk.text();
        document.add(new TextField(BODY, body, Field.Store.NO));
        for (String group : chunk.aclGroups()) {
            document.add(new StringField(ACL, group, Field.Store.NO));
        }
        document.add(new LongPoint(COLLECTION, chunk.collectionId()));
        document.add(new LongPoint(EXPIRES,
                chunk.expiresAt() == null ? Long.MAX_VALUE : chunk.expiresAt().toEpochMilli()));
        try {
            writer.updateDocument(new Term(ID, Long.toString(chunk.chunkId())), document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(long chunkId) {
        try {
            writer.deleteDocuments(new Term(ID, Long.toString(chunkId)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deleteAll() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes everything applied so far durable and searchable, with what it corresponds to. */
    public void commit(Map<String, String> state) {
        try {
            writer.setLiveCommitData(state.entrySet());
            writer.commit();
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the last commit recorded (empty for a new index). */
    public Map<String, String> committedState() {
        Map<String, String> state = new HashMap<>();
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            data.forEach(e -> state.put(e.getKey(), e.getValue()));
        }
        return state;
    }

    /**
     * The best BM25 matches among chunks readable by {@code groups}, in {@code collectionIds} (all when empty),
     * not expired at {@code now}.
     */
    public List<RetrievedChunk> search(String text, Collection<String> groups, Collection<Long> collectionIds,
                                       Instant now, int topK) {
        return search(text, null, groups, collectionIds, now, topK);
    }

    /**
     * As above; with the question's {@code vector}, each hit also carries its cosine similarity to the question,
     * from the stored embedding (NaN for a chunk indexed without one).
     */
    public List<RetrievedChunk> search(String text, float[] vector, Collection<String> groups,
                                       Collection<Long> collectionIds, Instant now, int topK) {
        Query words = new QueryBuilder(analyzer).createBooleanQuery(BODY, text, BooleanClause.Occur.SHOULD);
        if (words == null || groups.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(words, BooleanClause.Occur.MUST)
                .add(new TermInSetQuery(ACL, groups.stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(EXPIRES, now.toEpochMilli() + 1, Long.MAX_VALUE), BooleanClause.Occur.FILTER);
        if (!collectionIds.isEmpty()) {
            query.add(LongPoint.newSetQuery(COLLECTION, collectionIds), BooleanClause.Occur.FILTER);
        }
        try {
            searchers.maybeRefresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                searcher.setSimilarity(similarity);
                TopDocs top = searcher.search(query.build(), topK);
                return hits(searcher, top, vector);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        try {
            searchers.maybeRefresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<RetrievedChunk> hits(IndexSearcher searcher, TopDocs top, float[] vector) throws IOException {
        var stored = searcher.storedFields();
        return Arrays.stream(top.scoreDocs).map(hit -> {
            try {
                Document d = stored.document(hit.doc);
                BytesRef embedding = d.getBinaryValue(EMBEDDING);
                double similarity = vector == null || embedding == null ? Double.NaN
                        : Vectors.dot(vector, fromBytes(embedding));
                return new RetrievedChunk(Long.parseLong(d.get(ID)), UUID.fromString(d.get(DOCUMENT_ID)),
                        d.get(EXTERNAL_ID), d.get(TITLE), d.get(HEADING), d.get(TEXT), hit.score, similarity);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static BytesRef toBytes(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return new BytesRef(bytes.array());
    }

    private static float[] fromBytes(BytesRef bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                .get(vector);
        return vector;
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

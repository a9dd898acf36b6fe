package dev.docent.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grows both systems' stores from the corpus they ingested to a larger size for the search-side measurements,
 * without paying the model again (re-embedding 100k passages costs over an hour on two cores). Each round copies
 * every ingested passage as many times as it takes (~{@value #ROUND_ROWS} rows at most), in SQL: a new document id (Docent) or segment id (LangChain4j), the same text, and a
 * vector derived from real ones: the normalised sum of two ingested vectors drawn at random, a point between them
 * (cosine ≈ 0.9 to each: BGE's vectors are all fairly alike) that no other copy shares both parents with. Copies of
 * one original (the original plus noise, cosine 0.9) were tried first: every original then heads a tight cluster of
 * its copies, and the HNSW graph, whose neighbour lists fill up inside each cluster, lost most of its recall for both systems (0.1–0.2 at 100k chunks), which says
 * something about the data, not about either system. Copies are drawn into the 10% and 1% ACL groups at random with
 * those probabilities. Docent's copies go through its own schema, so the chunk trigger logs them and the server's
 * keyword index takes them in like any other write. A store that is to grow at least {@value #BULK_FACTOR}-fold is
 * loaded as an operator would load a large corpus: its HNSW index dropped, the rows copied, the index built once.
 */
final class Scale {

    /** Growth by at least this factor goes in without the HNSW index, which is built once at the end. */
    static final double BULK_FACTOR = 2;
    /** About this many rows are copied per round (whole copies of the originals), each round one transaction. */
    private static final long ROUND_ROWS = 50_000;
    /** Enough for the graph of 1M 384-d vectors to be built in memory (~1.5 kB each as halfvec, ~2.3 kB as vector). */
    private static final String BUILD_MEMORY = "4GB";
    /** Longer than Docent's ACL statistics may be old (60 s), so that a recount has seen the grown store. */
    private static final int GROUP_INDEX_QUIET_SECONDS = 75;

    /** How a store grew: rows now, seconds copying, seconds building its HNSW index (0 when it grew with it). */
    record Growth(long rows, double copySeconds, double indexSeconds) {
    }

    @FunctionalInterface
    private interface Copy {
        long run() throws Exception;
    }

    /**
     * Each row of a query (the second argument) with a vector mixed from two of the n (the first) ingested vectors
     * in scale_base. The draws are columns of a subquery, which a volatile expression keeps from being flattened: one
     * draw per row, and joins on scale_base's index.
     */
    private static final String MIXED = """
            SELECT x.*, l2_normalize(a.embedding + b.embedding) AS mixed
            FROM (SELECT s.*, 1 + floor(random() * %1$d)::int AS ra, 1 + floor(random() * %1$d)::int AS rb
                  FROM (%2$s) s) x
            JOIN scale_base a ON a.rn = x.ra JOIN scale_base b ON b.rn = x.rb""";
    private static final Pattern PENDING =
            Pattern.compile("(?m)^docent_keyword_index_pending_changes\\{[^}]*\\}\\s+(\\S+)");

    private final Connection connection;
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Scale(String jdbcUrl, String user, String password, String url) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, user, password);
        this.url = url;
    }

    /**
     * Copies the collection's original documents and their chunks until it holds at least {@code chunks} chunks;
     * returns the count. Waits after each round until the server's keyword index has caught up, so that it takes
     * the copies in windows of one round (up to ~{@value #ROUND_ROWS} chunks), as it would a busy day's ingestion.
     */
    Growth growDocent(DocentTarget docent, long collectionId, long chunks) throws Exception {
        long before = count("SELECT count(*) FROM chunk WHERE collection_id = " + collectionId);
        Growth growth = grow("chunk", before, chunks, () -> copyDocent(docent, collectionId, before, chunks));
        analyze("document");
        return growth;
    }

    private long copyDocent(DocentTarget docent, long collectionId, long now, long chunks) throws Exception {
        long base = base("SELECT c.embedding::vector FROM chunk c JOIN document d ON d.id = c.document_id "
                + "WHERE d.collection_id = " + collectionId + " AND d.external_id NOT LIKE '%#%' ORDER BY c.id");
        while (now < chunks) {
            long started = System.nanoTime();
            long copies = copies(base, now, chunks);
            String groups = "CASE WHEN u < 0.01 THEN ARRAY['%1$s', '%2$s', '%3$s'] WHEN u < 0.1 THEN ARRAY['%1$s', "
                    + "'%2$s'] ELSE ARRAY['%1$s'] END";
            groups = groups.formatted(docent.group(DocentTarget.Selectivity.ALL),
                    docent.group(DocentTarget.Selectivity.TEN_PERCENT),
                    docent.group(DocentTarget.Selectivity.ONE_PERCENT));
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TEMP TABLE IF NOT EXISTS scale_copy (original uuid, id uuid, groups text[])");
                statement.execute("TRUNCATE scale_copy");
                statement.execute("INSERT INTO scale_copy SELECT d.id, gen_random_uuid(), " + groups
                        + " FROM (SELECT id, random() AS u FROM document CROSS JOIN generate_series(1, " + copies
                        + ") WHERE collection_id = " + collectionId + " AND external_id NOT LIKE '%#%') d");
                statement.execute("INSERT INTO document (id, collection_id, external_id, title, content_type, "
                        + "content_sha256, acl_groups, status, chunk_count, created_by) "
                        + "SELECT m.id, d.collection_id, d.external_id || '#' || m.id, d.title, d.content_type, "
                        + "d.content_sha256, m.groups, 'ready', d.chunk_count, 'bench' "
                        + "FROM scale_copy m JOIN document d ON d.id = m.original");
                statement.execute("INSERT INTO chunk (document_id, collection_id, ordinal, heading, text, text_sha256, "
                        + "token_count, embedding, acl_groups) "
                        + "SELECT id, collection_id, ordinal, heading, text, text_sha256, token_count, mixed::halfvec, "
                        + "groups FROM (" + MIXED.formatted(base, "SELECT m.id, m.groups, c.collection_id, c.ordinal, "
                        + "c.heading, c.text, c.text_sha256, c.token_count FROM scale_copy m "
                        + "JOIN chunk c ON c.document_id = m.original") + ") copies");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            now = count("SELECT count(*) FROM chunk WHERE collection_id = " + collectionId);
            double copied = Ingestion.seconds(started);
            waitForKeywordIndex();
            System.out.printf("  Docent: %d chunks (copy %.1f s, keyword index %.1f s more)%n", now, copied,
                    Ingestion.seconds(started) - copied);
        }
        return now;
    }

    /** The same for the LangChain4j store: whole copies of the original segments, until it holds {@code rows}. */
    Growth growPeer(String table, long rows) throws Exception {
        long before = count("SELECT count(*) FROM " + table);
        return grow(table, before, rows, () -> copyPeer(table, before, rows));
    }

    private long copyPeer(String table, long now, long rows) throws SQLException {
        String metadataType = text("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = '" + table + "'::regclass AND attname = 'metadata'");
        long base = base("SELECT embedding FROM " + table + " WHERE (metadata::jsonb)->>'id' NOT LIKE '%#%' "
                + "ORDER BY embedding_id");
        while (now < rows) {
            long started = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO " + table + " (embedding_id, embedding, text, metadata) "
                        + "SELECT gen_random_uuid(), mixed, text, (jsonb_build_object('id', (metadata::jsonb)->>'id' || '#"
                        + now + "-' || k, 'title', (metadata::jsonb)->>'title', 'all', 'yes') || CASE WHEN u < 0.01 "
                        + "THEN '{\"g10\": \"yes\", \"g1\": \"yes\"}'::jsonb WHEN u < 0.1 THEN '{\"g10\": \"yes\"}'::jsonb "
                        + "ELSE '{}'::jsonb END)::text::" + metadataType + " FROM ("
                        + MIXED.formatted(base, "SELECT text, metadata, random() AS u, k FROM " + table
                        + " CROSS JOIN generate_series(1, " + copies(base, now, rows) + ") k"
                        + " WHERE (metadata::jsonb)->>'id' NOT LIKE '%#%'") + ") copies");
            }
            now = count("SELECT count(*) FROM " + table);
            System.out.printf("  LangChain4j: %d segments (copy %.1f s)%n", now, Ingestion.seconds(started));
        }
        return now;
    }

    /**
     * Runs the copy; when the table is to grow at least {@link #BULK_FACTOR}-fold, with its HNSW indexes dropped
     * first and built again afterwards (whatever happened), as pgvector advises for a bulk load: one build is several
     * times faster than growing the graph insert by insert, and as good (the same recall@10 either way at 100k in
     * psql, BENCHMARKS.md). The build gets enough memory for the graph and PostgreSQL's default parallel workers.
     */
    private Growth grow(String table, long before, long target, Copy copy) throws Exception {
        Map<String, String> indexes = (double) target / Math.max(before, 1) >= BULK_FACTOR ? hnswIndexes(table)
                : Map.of();
        long started = System.nanoTime();
        long rows;
        double copySeconds;
        long built;
        try (Statement statement = connection.createStatement()) {
            for (String name : indexes.keySet()) {
                statement.execute("DROP INDEX " + name);
            }
            try {
                rows = copy.run();
            } finally {
                copySeconds = Ingestion.seconds(started);
                built = System.nanoTime();
                for (Map.Entry<String, String> index : indexes.entrySet()) {
                    System.out.printf("  building %s on %s ...%n", index.getKey(), table);
                    statement.execute("SET maintenance_work_mem = '" + BUILD_MEMORY + "'");
                    statement.execute(index.getValue());
                    statement.execute("RESET maintenance_work_mem");
                }
            }
        }
        double indexSeconds = indexes.isEmpty() ? 0 : Ingestion.seconds(built);
        analyze(table);
        return new Growth(rows, copySeconds, indexSeconds);
    }

    /** The table's HNSW indexes: name to the statement that creates it again. */
    private Map<String, String> hnswIndexes(String table) throws SQLException {
        Map<String, String> indexes = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
                JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
                WHERE i.indrelid = ?::regclass AND a.amname = 'hnsw'""")) {
            select.setString(1, table);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    indexes.put(row.getString(1), row.getString(2));
                }
            }
        }
        return indexes;
    }

    /** Whole copies of the {@code base} originals for the next round: enough to reach the target, ~ROUND_ROWS at most. */
    private static long copies(long base, long now, long target) {
        long needed = (target - now + base - 1) / base;
        return Math.max(1, Math.min(needed, ROUND_ROWS / base));
    }

    /** The vectors copies are mixed from, numbered 1..n for the random draws; returns n. */
    private long base(String vectors) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS scale_base");
            statement.execute("CREATE TEMP TABLE scale_base AS SELECT row_number() OVER ()::int AS rn, v.embedding "
                    + "FROM (" + vectors + ") v");
            statement.execute("CREATE UNIQUE INDEX ON scale_base (rn)");
            statement.execute("ANALYZE scale_base");
        }
        return count("SELECT count(*) FROM scale_base");
    }

    /**
     * Waits until Docent has the partial vector indexes it wants for the run's groups (it decides after a recount of
     * its ACL statistics, which are at most a minute old, and builds them in the background): searches as each
     * caller every few seconds to prompt the recount, until no group index is being built and the run's set has not
     * changed for {@value #GROUP_INDEX_QUIET_SECONDS} s. Returns the run's groups that have one, with their passages.
     */
    Map<String, Long> awaitGroupIndexes(DocentTarget docent) throws Exception {
        long started = System.nanoTime();
        long changed = started;
        Map<String, Long> indexed = Map.of();
        while (true) {
            for (DocentTarget.Selectivity selectivity : DocentTarget.Selectivity.values()) {
                docent.search(docent.caller(selectivity), "group index check", "dense", 10, null);
            }
            Map<String, Long> now = new LinkedHashMap<>();
            // The group's passages now (the registry keeps the count at the index's first build).
            try (PreparedStatement select = connection.prepareStatement("SELECT g.group_name, (SELECT "
                    + "coalesce(sum(d.chunk_count), 0) FROM document d WHERE d.acl_groups && ARRAY[g.group_name]) AS n "
                    + "FROM group_vector_index g WHERE g.group_name LIKE ? ORDER BY n DESC")) {
                select.setString(1, docent.group(DocentTarget.Selectivity.ALL) + "%");
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        now.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            if (!now.equals(indexed)) {
                indexed = now;
                changed = System.nanoTime();
            }
            boolean building = count("SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                    + "'CREATE INDEX CONCURRENTLY chunk_embedding_group_%'") > 0;
            double quiet = (System.nanoTime() - changed) / 1e9;
            if (!building && quiet >= GROUP_INDEX_QUIET_SECONDS) {
                return indexed;
            }
            if ((System.nanoTime() - started) / 1e9 > 1800) {
                throw new IllegalStateException("Docent's group indexes did not settle in 30 minutes: " + indexed);
            }
            Thread.sleep(5000);
        }
    }

    private void waitForKeywordIndex() throws Exception {
        long started = System.nanoTime();
        boolean sawPending = false;
        while (Ingestion.seconds(started) < 600) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics?scope=application")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher pending = PENDING.matcher(metrics);
            double changes = pending.find() ? Double.parseDouble(pending.group(1)) : -1;
            sawPending |= changes > 0;
            // The gauge is as of the indexer's last poll (every 500 ms): a zero read right after the commit may be
            // from before it, so zero counts once the round was seen pending or a few polls have passed.
            if (changes == 0 && (sawPending || Ingestion.seconds(started) > 3)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the keyword index did not catch up within 10 minutes");
    }

    private void analyze(String... tables) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                statement.execute("ANALYZE " + table);
            }
        }
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    private String text(String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }

    void close() throws SQLException {
        connection.close();
    }
}

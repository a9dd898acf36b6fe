package dev.docent.search;

import dev.docent.store.PgArrays;
import dev.docent.text.Hashing;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Keeps a partial HNSW index of the passages of each large ACL group that holds a small share of the store: at
 * least {@code docent.search.group-index-min-passages} passages and at most {@code docent.search.group-index-max-share}
 * of them, the {@code docent.search.group-index-max-count} largest (every index costs an insert per passage of its
 * group). Reconciled after each recount of the ACL statistics, in the background and one build at a time across
 * instances (an advisory lock): missing indexes are built CONCURRENTLY as the tables' owner, so writes and searches
 * go on; a group that shrinks below half the minimum, or grows past one and a half times the share, loses its index.
 * The dense retriever plans with {@link #ready()}: a stale set costs speed, never correctness.
 */
@ApplicationScoped
public class GroupIndexes {

    private static final Logger LOG = Logger.getLogger(GroupIndexes.class.getName());
    private static final String INDEX_PREFIX = "chunk_embedding_group_";
    private static final long LOCK = 0x646f63656e74L; // "docent": one reconciler at a time
    private static final String READY = """
            SELECT g.group_name FROM group_vector_index g
            JOIN pg_index i ON i.indexrelid = to_regclass(g.index_name)
            WHERE i.indisvalid AND i.indisready""";

    private final Config config;
    private final AtomicBoolean reconciling = new AtomicBoolean();
    private volatile Set<String> ready = Set.of();

    @Resource(lookup = "jdbc/docentMigration")
    private DataSource owner;

    @Resource(lookup = "concurrent/docentExecutor")
    private ManagedExecutorService executor;

    @Inject
    public GroupIndexes(Config config) {
        this.config = config;
    }

    /** For CDI's client proxy only. */
    protected GroupIndexes() {
        this(null);
    }

    /** The groups whose partial index is built and valid. */
    public Set<String> ready() {
        return ready;
    }

    /** Brings the indexes in line with these counts, in the background; a reconciliation under way is left alone. */
    void reconcile(AclStatistics.Counts counts) {
        if (!reconciling.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                try (Connection connection = owner.getConnection()) {
                    reconcile(connection, counts);
                } catch (SQLException | RuntimeException e) {
                    LOG.log(Level.WARNING, "Group vector indexes not reconciled; will try after the next recount", e);
                } finally {
                    reconciling.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            reconciling.set(false);
        }
    }

    private void reconcile(Connection connection, AclStatistics.Counts counts) throws SQLException {
        connection.setAutoCommit(true); // CREATE INDEX CONCURRENTLY refuses to run inside a transaction
        if (!tryLock(connection)) {
            ready = readReady(connection);
            return;
        }
        try {
            Map<String, Long> sizes = groupSizes(counts);
            long passages = counts.passages().values().stream().mapToLong(Long::longValue).sum();
            Map<String, String> existing = existing(connection);
            Settings settings = settings();
            Set<String> wanted = wanted(sizes, passages, settings);
            for (String group : unwanted(existing.keySet(), wanted, sizes, passages, settings)) {
                drop(connection, group, existing.get(group));
            }
            ready = readReady(connection);
            for (String group : wanted) {
                if (!ready.contains(group)) {
                    build(connection, group, sizes.get(group));
                    ready = readReady(connection);
                }
            }
        } finally {
            unlock(connection);
        }
    }

    /** What decides which groups get an index; read at each reconciliation, so docent.properties can change it. */
    record Settings(long minPassages, double maxShare, int maxCount) {
    }

    private Settings settings() {
        return new Settings(
                config.getOptionalValue("docent.search.group-index-min-passages", Long.class).orElse(5_000L),
                config.getOptionalValue("docent.search.group-index-max-share", Double.class).orElse(0.3),
                config.getOptionalValue("docent.search.group-index-max-count", Integer.class).orElse(16));
    }

    /** The largest groups within the bounds, at most maxCount of them. */
    static Set<String> wanted(Map<String, Long> sizes, long passages, Settings settings) {
        Set<String> wanted = new HashSet<>();
        sizes.entrySet().stream()
                .filter(e -> e.getValue() >= settings.minPassages()
                        && e.getValue() <= settings.maxShare() * passages)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(settings.maxCount())
                .forEach(e -> wanted.add(e.getKey()));
        return wanted;
    }

    /**
     * The indexes to drop: those of groups well past the bounds, then, while more than maxCount would remain with
     * the wanted ones built, the smallest of those no longer wanted.
     */
    static List<String> unwanted(Set<String> existing, Set<String> wanted, Map<String, Long> sizes, long passages,
                                 Settings settings) {
        List<String> drop = new ArrayList<>();
        List<String> surplus = new ArrayList<>();
        for (String group : existing) {
            if (!wanted.contains(group)) {
                (outgrown(sizes.getOrDefault(group, 0L), passages, settings) ? drop : surplus).add(group);
            }
        }
        surplus.sort(Comparator.comparing((String group) -> sizes.getOrDefault(group, 0L)).thenComparing(group -> group));
        Set<String> afterBuilds = new HashSet<>(existing);
        afterBuilds.addAll(wanted);
        for (String group : surplus) {
            if (afterBuilds.size() - drop.size() <= settings.maxCount()) {
                break;
            }
            drop.add(group);
        }
        return drop;
    }

    /** Dropped only well past the bounds, so that a group near one of them does not lose and regain its index. */
    static boolean outgrown(long size, long passages, Settings settings) {
        return size < settings.minPassages() / 2 || size > 1.5 * settings.maxShare() * passages;
    }

    static Map<String, Long> groupSizes(AclStatistics.Counts counts) {
        Map<String, Long> sizes = new HashMap<>();
        counts.byGroup().forEach((group, perCollection) ->
                sizes.put(group, perCollection.values().stream().mapToLong(Long::longValue).sum()));
        return sizes;
    }

    static String indexName(String group) {
        return INDEX_PREFIX + Hashing.sha256(group).substring(0, 24);
    }

    private void build(Connection connection, String group, long passages) throws SQLException {
        String index = indexName(group);
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            // A build that died (a crash, a restart) leaves an invalid index behind that would block this one.
            statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
            try (PreparedStatement memory = connection.prepareStatement(
                    "SELECT set_config('maintenance_work_mem', ?, false)")) {
                memory.setString(1, config.getOptionalValue("docent.search.group-index-build-memory", String.class)
                        .orElse("512MB"));
                memory.execute();
            }
            try {
                statement.execute("CREATE INDEX CONCURRENTLY " + index + " ON chunk USING hnsw "
                        + "(embedding halfvec_cosine_ops) WITH (m = 16, ef_construction = 200) "
                        + "WHERE acl_groups && " + quoted(connection, PgArrays.literal(List.of(group))) + "::text[]");
            } finally {
                statement.execute("RESET maintenance_work_mem"); // the connection goes back to a pool
            }
        }
        try (PreparedStatement register = connection.prepareStatement("""
                INSERT INTO group_vector_index (group_name, index_name, passages) VALUES (?, ?, ?)
                ON CONFLICT (group_name) DO UPDATE SET index_name = excluded.index_name,
                    passages = excluded.passages, created_at = now()""")) {
            register.setString(1, group);
            register.setString(2, index);
            register.setLong(3, passages);
            register.executeUpdate();
        }
        LOG.info(() -> "Built the vector index of group " + group + " (" + passages + " passages) in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private void drop(Connection connection, String group, String index) throws SQLException {
        try (PreparedStatement unregister = connection.prepareStatement(
                "DELETE FROM group_vector_index WHERE group_name = ?")) {
            unregister.setString(1, group);
            unregister.executeUpdate();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
        }
        LOG.info(() -> "Dropped the vector index of group " + group);
    }

    /** The group's array literal as an SQL string literal, quoted by PostgreSQL itself. */
    private static String quoted(Connection connection, String literal) throws SQLException {
        try (PreparedStatement quote = connection.prepareStatement("SELECT quote_literal(?)")) {
            quote.setString(1, literal);
            try (ResultSet row = quote.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static Map<String, String> existing(Connection connection) throws SQLException {
        Map<String, String> existing = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT group_name, index_name FROM group_vector_index");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                existing.put(rows.getString(1), rows.getString(2));
            }
        }
        return existing;
    }

    private static Set<String> readReady(Connection connection) throws SQLException {
        Set<String> groups = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(READY); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                groups.add(rows.getString(1));
            }
        }
        return Set.copyOf(groups);
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, LOCK);
            unlock.execute();
        }
    }
}

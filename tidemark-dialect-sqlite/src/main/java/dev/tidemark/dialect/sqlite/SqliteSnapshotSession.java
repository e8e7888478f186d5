package dev.tidemark.dialect.sqlite;

import static dev.tidemark.dialect.sqlite.SqliteSql.quote;

import dev.tidemark.source.KeyRange;
import dev.tidemark.source.RowSink;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;

/**
 * A snapshot of one SQLite file inside a single transaction. In {@link SnapshotMode#READ_ONLY} the
 * transaction is {@code BEGIN IMMEDIATE}: it holds SQLite's RESERVED (write) lock, so other writers wait
 * on their busy timeout while readers carry on. In {@link SnapshotMode#ONLINE} it is a deferred read
 * transaction: in WAL mode writers continue and the session keeps reading its own snapshot; in
 * rollback-journal mode the shared lock makes writers wait to commit anyway.
 *
 * <p>A READ_ONLY session with a parallelism P above 1 also reads on up to P−1 reader connections, opened
 * while it holds the write lock, each in a read transaction of its own. No other connection can commit
 * while the lock is held, so every reader sees exactly the state the locking connection sees, in
 * rollback-journal and WAL mode alike. The value scans run on as many connections as there are processors
 * (more would only wait for one); exports open further readers as they need them, up to P, like the other
 * backends' sessions, and run one at a time on each connection. ONLINE sessions keep to one connection:
 * there a reader opened later could see later commits.
 */
final class SqliteSnapshotSession implements SnapshotSession {
    /** Places in the key range where {@link #estimatedBytes} reads a few rows, and how many rows at each. */
    private static final int SAMPLE_POINTS = 16;
    private static final int SAMPLE_ROWS = 16;

    private final Path file;
    private final Duration lockWait;
    /** How many connections may be open: P in READ_ONLY, else 1. */
    private final int parallelism;
    /** The connection holding the transaction (and in READ_ONLY the lock), then the readers opened so far. */
    private final List<Connection> opened = new ArrayList<>();
    /** Connections not running an export; an export takes one and gives it back. */
    private final LinkedBlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    /** The database's pages in bytes, which bounds every table's share. */
    private final long databaseBytes;
    private final String backendVersion;
    private final SqliteChangeCounter position;
    private final Schema schema;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set when opening a further reader failed; guarded by {@link #opened}. */
    private boolean readersExhausted;

    private SqliteSnapshotSession(Path file, List<Connection> connections, int parallelism, Duration lockWait)
            throws SQLException, IOException {
        this.file = file;
        this.lockWait = lockWait;
        this.parallelism = parallelism;
        Connection connection = connections.get(0);
        this.backendVersion = "sqlite " + single(connection, "SELECT sqlite_version()");
        // the first read starts the read transaction; everything below sees that one state
        String pageCount = single(connection, "PRAGMA main.page_count");
        Map<String, String> details = new LinkedHashMap<>();
        long changeCounter = SqliteConnections.fileChangeCounter(file);
        details.put("fileChangeCounter", Long.toString(changeCounter));
        details.put("dataVersion", single(connection, "PRAGMA main.data_version"));
        details.put("schemaVersion", single(connection, "PRAGMA main.schema_version"));
        details.put("pageCount", pageCount);
        this.databaseBytes = Long.parseLong(pageCount) * Long.parseLong(single(connection, "PRAGMA main.page_size"));
        details.put("fileSize", Long.toString(Files.size(file)));
        details.put("journalMode", single(connection, "PRAGMA main.journal_mode"));
        this.position = new SqliteChangeCounter(changeCounter, details);
        SqliteSchemaReader reader = new SqliteSchemaReader(connection);
        this.schema = reader.read(connections);
        warnings.addAll(reader.warnings());
        opened.addAll(connections);
        idle.addAll(connections);
    }

    static SqliteSnapshotSession open(Path file, SnapshotMode mode, int parallelism, Duration lockWait) {
        if (!Files.isRegularFile(file)) {
            throw new TidemarkException(ErrorKind.DATABASE_UNAVAILABLE, "SQLite database file not found: " + file,
                    "check the path in the connection string (sqlite:PATH)");
        }
        List<Connection> connections = new ArrayList<>();
        try {
            Connection connection = SqliteConnections.open(file, false, mode == SnapshotMode.READ_ONLY
                    ? SQLiteConfig.TransactionMode.IMMEDIATE : SQLiteConfig.TransactionMode.DEFERRED, lockWait);
            connections.add(connection);
            connection.setAutoCommit(false);
            // after BEGIN IMMEDIATE, which query_only would refuse: the session never changes the source
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA query_only = 1");
            }
            if (mode == SnapshotMode.READ_ONLY) {
                // the write lock is held from here on, so the readers start at the state it protects
                int scanners = Math.min(parallelism, Math.max(1, Runtime.getRuntime().availableProcessors()));
                for (int i = 1; i < scanners; i++) {
                    connections.add(openReader(file, lockWait));
                }
            }
            return new SqliteSnapshotSession(file, connections, mode == SnapshotMode.READ_ONLY ? parallelism : 1,
                    lockWait);
        } catch (SQLException e) {
            closeAll(connections);
            throw SqliteConnections.databaseError("opening a snapshot", file, e);
        } catch (IOException e) {
            closeAll(connections);
            throw new TidemarkException(ErrorKind.DATABASE_UNAVAILABLE,
                    "cannot read SQLite database file " + file + ": " + TidemarkException.reasonOf(e),
                    "check that the file exists and is readable", e);
        } catch (RuntimeException | Error e) {
            closeAll(connections);
            throw e;
        }
    }

    /** A connection in a read transaction, started by its first read (a deferred BEGIN takes no lock itself). */
    private static Connection openReader(Path file, Duration lockWait) throws SQLException {
        Connection reader = SqliteConnections.open(file, false, SQLiteConfig.TransactionMode.DEFERRED, lockWait);
        try {
            reader.setAutoCommit(false);
            try (Statement st = reader.createStatement()) {
                st.execute("PRAGMA query_only = 1");
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM main.sqlite_schema")) {
                    rs.next();
                }
            }
            return reader;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    @Override
    public String backendVersion() {
        return backendVersion;
    }

    @Override
    public SqliteChangeCounter position() {
        return position;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public void exportTable(Table table, KeyRange range, RowSink sink) throws Exception {
        SqliteValueWriter writer = new SqliteValueWriter(table, warnings);
        String columns = table.columns().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
        String where = range.isAll() ? "" : " WHERE " + rangeCondition(range);
        String order = table.primaryKey().isEmpty() ? ""
                : " ORDER BY " + table.primaryKey().stream().map(SqliteSql::quote).collect(Collectors.joining(", "));
        int width = table.columns().size();
        String[] row = new String[width];
        Connection connection = borrow();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + columns + " FROM main." + quote(table.name()) + where + order)) {
            while (rs.next()) {
                for (int i = 0; i < width; i++) {
                    row[i] = writer.read(rs, i);
                }
                sink.accept(row);
            }
        } catch (SQLException e) {
            throw SqliteConnections.databaseError("reading table " + table.name(), file, e);
        } finally {
            idle.add(connection);
        }
    }

    /**
     * The range's condition. SQLite lets the primary key of a rowid table hold NULL (unless it is the rowid
     * itself or declared NOT NULL), and sorts NULL first: the range open below takes those rows, so the
     * ranges together still hold every row, in the order of the whole table.
     */
    private static String rangeCondition(KeyRange range) {
        String key = quote(range.column());
        return range.from() == null ? "(" + key + " IS NULL OR " + range.condition(key) + ")" : range.condition(key);
    }

    /**
     * Cuts a table whose primary key is one integer column (see {@link KeyRange#splitColumn}; the value scan
     * has made sure such a column holds only integers and NULL) by even key width, sized by an estimate of
     * its CSV (see {@link #estimatedBytes}).
     */
    @Override
    public List<KeyRange> split(Table table, long targetBytes) throws Exception {
        Optional<Column> key = KeyRange.splitColumn(table);
        // a database smaller than one range holds no table worth cutting (and many small tables are not sampled)
        if (key.isEmpty() || parallelism < 2 || databaseBytes <= targetBytes) {
            return List.of(KeyRange.ALL);
        }
        String q = quote(key.get().name());
        Connection connection = borrow();
        try (Statement st = connection.createStatement()) {
            long min;
            long max;
            long rows;
            String from = " FROM main." + quote(table.name());
            // one aggregate per query: SQLite reads min() or max() alone from one end of the b-tree, and
            // counts rows from the pages, but together they would read every row
            try (ResultSet rs = st.executeQuery("SELECT (SELECT min(" + q + ")" + from + "), (SELECT max(" + q + ")"
                    + from + "), (SELECT count(*)" + from + ")")) {
                rs.next();
                min = rs.getLong(1);
                if (rs.wasNull()) {
                    return List.of(KeyRange.ALL);
                }
                max = rs.getLong(2);
                rows = rs.getLong(3);
            }
            return KeyRange.evenSplit(key.get().name(), min, max, estimatedBytes(connection, table, q, min, max, rows),
                    targetBytes);
        } catch (SQLException e) {
            throw SqliteConnections.databaseError("sizing table " + table.name(), file, e);
        } finally {
            idle.add(connection);
        }
    }

    /**
     * The table's CSV size, about: its row count (which SQLite counts from the b-tree pages without reading
     * rows) times the average width of a few rows read at evenly spaced keys. Reading the table's pages
     * (dbstat) would cost a tenth of an export; the ranges only need to be about the right size.
     */
    private static long estimatedBytes(Connection connection, Table table, String quotedKey, long min, long max,
                                       long rows) throws SQLException {
        StringBuilder width = new StringBuilder(Integer.toString(table.columns().size()));
        for (Column column : table.columns()) {
            width.append(" + coalesce(length(CAST(").append(quote(column.name())).append(" AS BLOB)), 0)");
        }
        long sampledBytes = 0;
        long sampledRows = 0;
        BigInteger span = BigInteger.valueOf(max).subtract(BigInteger.valueOf(min));
        try (PreparedStatement sample = connection.prepareStatement("SELECT total(w), count(*) FROM (SELECT " + width
                + " AS w FROM main." + quote(table.name()) + " WHERE " + quotedKey + " >= ? ORDER BY " + quotedKey
                + " LIMIT " + SAMPLE_ROWS + ")")) {
            for (int i = 0; i < SAMPLE_POINTS; i++) {
                long from = BigInteger.valueOf(min).add(span.multiply(BigInteger.valueOf(i))
                        .divide(BigInteger.valueOf(SAMPLE_POINTS))).longValueExact();
                sample.setLong(1, from);
                try (ResultSet rs = sample.executeQuery()) {
                    rs.next();
                    sampledBytes += (long) rs.getDouble(1);
                    sampledRows += rs.getLong(2);
                }
            }
        }
        return sampledRows == 0 ? 0 : BigInteger.valueOf(rows).multiply(BigInteger.valueOf(sampledBytes))
                .divide(BigInteger.valueOf(sampledRows)).min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    /**
     * A connection no export is using: an idle one, else a new reader while fewer than {@link #parallelism}
     * are open (the write lock keeps it at the session's state), else the next one given back. A reader that
     * cannot be opened (say, the process is out of file descriptors) only lowers the parallelism: the
     * connections already open carry on.
     */
    private Connection borrow() throws InterruptedException {
        if (closed.get()) {
            throw new IllegalStateException("snapshot session is closed");
        }
        Connection available = idle.poll();
        if (available != null) {
            return available;
        }
        synchronized (opened) {
            if (closed.get()) {
                throw new IllegalStateException("snapshot session is closed");
            }
            if (opened.size() < parallelism && !readersExhausted) {
                try {
                    Connection reader = openReader(file, lockWait);
                    opened.add(reader);
                    return reader;
                } catch (SQLException e) {
                    readersExhausted = true;
                }
            }
        }
        return idle.take();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // closing ends each read transaction and releases the locks; JDBC rollback() would begin the next one
        synchronized (opened) {
            closeAll(opened);
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void closeAll(List<Connection> connections) {
        // readers first, the connection holding the write lock last
        for (int i = connections.size() - 1; i >= 0; i--) {
            closeQuietly(connections.get(i));
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to release
            }
        }
    }
}

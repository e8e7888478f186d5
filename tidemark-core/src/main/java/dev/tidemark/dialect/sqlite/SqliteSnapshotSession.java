package dev.tidemark.dialect.sqlite;

import static dev.tidemark.dialect.sqlite.SqliteSql.quote;

import dev.tidemark.dialect.ConsistencyPoint;
import dev.tidemark.dialect.RowSink;
import dev.tidemark.dialect.SnapshotMode;
import dev.tidemark.dialect.SnapshotSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;

/**
 * A snapshot of one SQLite file inside a single transaction. In {@link SnapshotMode#READ_ONLY} the
 * transaction is {@code BEGIN IMMEDIATE}: it holds SQLite's RESERVED (write) lock, so other writers wait
 * on their busy timeout while readers carry on. In {@link SnapshotMode#ONLINE} it is a deferred read
 * transaction: in WAL mode writers continue and the session keeps reading its own snapshot; in
 * rollback-journal mode the shared lock makes writers wait to commit anyway.
 */
final class SqliteSnapshotSession implements SnapshotSession {
    private final Path file;
    private final Connection connection;
    private final String backendVersion;
    private final ConsistencyPoint consistencyPoint;
    private final Schema schema;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private boolean closed;

    private SqliteSnapshotSession(Path file, Connection connection) throws SQLException, IOException {
        this.file = file;
        this.connection = connection;
        this.backendVersion = "sqlite " + single("SELECT sqlite_version()");
        // the first read starts the read transaction; everything below sees that one state
        String pageCount = single("PRAGMA main.page_count");
        Map<String, String> details = new LinkedHashMap<>();
        long changeCounter = SqliteConnections.fileChangeCounter(file);
        details.put("fileChangeCounter", Long.toString(changeCounter));
        details.put("dataVersion", single("PRAGMA main.data_version"));
        details.put("schemaVersion", single("PRAGMA main.schema_version"));
        details.put("pageCount", pageCount);
        details.put("fileSize", Long.toString(Files.size(file)));
        details.put("journalMode", single("PRAGMA main.journal_mode"));
        this.consistencyPoint = new ConsistencyPoint("sqlite-data-version", Long.toString(changeCounter), details);
        SqliteSchemaReader reader = new SqliteSchemaReader(connection);
        this.schema = reader.read();
        warnings.addAll(reader.warnings());
    }

    static SqliteSnapshotSession open(Path file, SnapshotMode mode, Duration lockWait) {
        if (!Files.isRegularFile(file)) {
            throw new TidemarkException(ErrorKind.DATABASE_UNAVAILABLE, "SQLite database file not found: " + file,
                    "check the path in the connection string (sqlite:PATH)");
        }
        Connection connection = null;
        try {
            connection = SqliteConnections.open(file, false, mode == SnapshotMode.READ_ONLY
                    ? SQLiteConfig.TransactionMode.IMMEDIATE : SQLiteConfig.TransactionMode.DEFERRED, lockWait);
            connection.setAutoCommit(false);
            // after BEGIN IMMEDIATE, which query_only would refuse: the session never changes the source
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA query_only = 1");
            }
            return new SqliteSnapshotSession(file, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw SqliteConnections.databaseError("opening a snapshot", file, e);
        } catch (IOException e) {
            closeQuietly(connection);
            throw new TidemarkException(ErrorKind.DATABASE_UNAVAILABLE,
                    "cannot read SQLite database file " + file + ": " + e.getMessage(),
                    "check that the file exists and is readable", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public String backendVersion() {
        return backendVersion;
    }

    @Override
    public ConsistencyPoint consistencyPoint() {
        return consistencyPoint;
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
    public void exportTable(Table table, RowSink sink) throws Exception {
        SqliteValueWriter writer = new SqliteValueWriter(table, warnings);
        String columns = table.columns().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
        String order = table.primaryKey().isEmpty() ? ""
                : " ORDER BY " + table.primaryKey().stream().map(SqliteSql::quote).collect(Collectors.joining(", "));
        int width = table.columns().size();
        String[] row = new String[width];
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + columns + " FROM main." + quote(table.name()) + order)) {
            while (rs.next()) {
                for (int i = 0; i < width; i++) {
                    row[i] = writer.read(rs, i);
                }
                sink.accept(row);
            }
        } catch (SQLException e) {
            throw SqliteConnections.databaseError("reading table " + table.name(), file, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // closing ends the read transaction and releases the lock; JDBC rollback() would begin the next one
        closeQuietly(connection);
    }

    private String single(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
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

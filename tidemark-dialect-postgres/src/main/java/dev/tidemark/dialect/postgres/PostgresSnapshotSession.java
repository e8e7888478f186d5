package dev.tidemark.dialect.postgres;

import dev.tidemark.source.CsvExport;
import dev.tidemark.source.KeyRange;
import dev.tidemark.source.RowSink;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * A snapshot of one PostgreSQL schema: a REPEATABLE READ, READ ONLY transaction whose snapshot is
 * exported to further connections so several tables can be exported at the same point at once. In
 * {@link SnapshotMode#READ_ONLY} every table is locked in SHARE mode before the snapshot is taken, so
 * writers wait until {@link #close()} and readers are not disturbed.
 */
final class PostgresSnapshotSession implements SnapshotSession {
    private static final int LOCK_ATTEMPTS = 3;

    private final PostgresDialect dialect;
    private final Connection main;
    private final String namespace;
    private final int parallelism;
    private final String exportedSnapshot;
    private final String version;
    private final PostgresLsn point;
    private final Schema schema;
    private final List<String> warnings;
    private final LinkedBlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    private final List<Connection> opened = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresSnapshotSession(PostgresDialect dialect, Connection main, String namespace, int parallelism,
                                    String exportedSnapshot, String version, PostgresLsn point,
                                    Schema schema, List<String> warnings) {
        this.dialect = dialect;
        this.main = main;
        this.namespace = namespace;
        this.parallelism = parallelism;
        this.exportedSnapshot = exportedSnapshot;
        this.version = version;
        this.point = point;
        this.schema = schema;
        this.warnings = List.copyOf(warnings);
        opened.add(main);
        idle.add(main);
    }

    static PostgresSnapshotSession open(PostgresDialect dialect, SnapshotMode mode, int parallelism) {
        Connection connection = dialect.connect();
        try {
            connection.setAutoCommit(true);
            String namespace = PostgresSchemaReader.currentNamespace(connection);
            beginLocked(connection, namespace, mode, dialect.lockWait().toMillis());
            String version;
            String lsn;
            String txSnapshot;
            String exported = null;
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT current_setting('server_version'),"
                         + " CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END::text,"
                         + " pg_current_snapshot()::text" + (parallelism > 1 ? ", pg_export_snapshot()" : ""))) {
                rs.next();
                version = rs.getString(1).split(" ")[0];
                lsn = rs.getString(2);
                txSnapshot = rs.getString(3);
                if (parallelism > 1) {
                    exported = rs.getString(4);
                }
            }
            PostgresSchemaReader reader = new PostgresSchemaReader(connection, namespace);
            Schema schema = reader.read();
            PostgresLsn point = PostgresLsn.parse(lsn,
                    Map.of("snapshot", txSnapshot, "schema", namespace, "mode", mode.name().toLowerCase(java.util.Locale.ROOT)));
            return new PostgresSnapshotSession(dialect, connection, namespace, parallelism, exported, version, point,
                    schema, reader.warnings());
        } catch (SQLException e) {
            PostgresDialect.closeQuietly(connection);
            if ("55P03".equals(e.getSQLState())) {
                throw new TidemarkException(ErrorKind.BUSY, "cannot start a read-only snapshot of PostgreSQL at "
                        + dialect.target().location() + ": other transactions kept writing for more than "
                        + (dialect.lockWait().toMillis() < 1000 ? dialect.lockWait().toMillis() + " ms"
                                : dialect.lockWait().toSeconds() + " s"),
                        "run it again when the writers are done, or use the online mode", e);
            }
            throw new TidemarkException(ErrorKind.DATABASE_ERROR, "cannot start a snapshot of PostgreSQL at "
                    + dialect.target().location() + ": " + PostgresDialect.firstLine(e.getMessage()),
                    "check that the user may read every table of the schema", e);
        } catch (RuntimeException e) {
            PostgresDialect.closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Starts the snapshot transaction. In READ_ONLY mode the tables are locked before the transaction's
     * snapshot exists (LOCK TABLE does not take one), so no write can land between the snapshot and the
     * lock; a table created in between is noticed and the attempt repeated.
     */
    private static void beginLocked(Connection connection, String namespace, SnapshotMode mode, long lockWaitMillis)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (int attempt = 1; ; attempt++) {
                List<String> before = PostgresSchemaReader.tableNames(connection, namespace);
                statement.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                if (mode == SnapshotMode.ONLINE) {
                    return;
                }
                if (!before.isEmpty()) {
                    statement.execute("SET LOCAL lock_timeout = " + lockWaitMillis);
                    statement.execute("LOCK TABLE " + before.stream().map(name -> PostgresDdl.qualified(namespace, name))
                            .collect(Collectors.joining(", ")) + " IN SHARE MODE");
                }
                List<String> after = PostgresSchemaReader.tableNames(connection, namespace);
                if (after.equals(before)) {
                    return;
                }
                statement.execute("ROLLBACK");
                if (attempt == LOCK_ATTEMPTS) {
                    throw new SQLException("the set of tables kept changing while the snapshot was being started");
                }
            }
        }
    }

    @Override
    public String backendVersion() {
        return "postgresql " + version;
    }

    @Override
    public PostgresLsn position() {
        return point;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public void exportTable(Table table, KeyRange range, RowSink sink) throws Exception {
        ensureOpen();
        Connection connection = borrow();
        try (InputStream csv = openCopy(connection, table, range)) {
            CopyCsvReader reader = new CopyCsvReader(new InputStreamReader(csv, StandardCharsets.UTF_8), table.columns().size());
            String[] row;
            while ((row = reader.next()) != null) {
                sink.accept(row);
            }
        } finally {
            idle.add(connection);
        }
    }

    /** PostgreSQL's CSV output is already the archive's CSV (see {@link #copySql}), so it passes through untouched. */
    @Override
    public Optional<CsvExport> csvExport() {
        return Optional.of((table, range, out) -> {
            ensureOpen();
            Connection connection = borrow();
            try (InputStream csv = openCopy(connection, table, range)) {
                csv.transferTo(out);
            } finally {
                idle.add(connection);
            }
        });
    }

    /**
     * Splits on the integer primary key by even key width, sized from the table's on-disk size (heap and
     * TOAST), which is close enough to its CSV size to balance the ranges.
     */
    @Override
    public List<KeyRange> split(Table table, long targetBytes) throws Exception {
        Optional<Column> key = KeyRange.splitColumn(table);
        if (key.isEmpty() || parallelism < 2) {
            return List.of(KeyRange.ALL);
        }
        ensureOpen();
        String quotedKey = PostgresDdl.quote(key.get().name());
        String qualified = PostgresDdl.qualified(namespace, table.name());
        Connection connection = borrow();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_table_size('" + qualified.replace("'", "''") + "'::regclass), min("
                     + quotedKey + ")::bigint, max(" + quotedKey + ")::bigint FROM " + qualified)) {
            rs.next();
            long size = rs.getLong(1);
            long min = rs.getLong(2);
            if (rs.wasNull()) {
                return List.of(KeyRange.ALL);
            }
            long max = rs.getLong(3);
            return KeyRange.evenSplit(key.get().name(), min, max, size, targetBytes);
        } finally {
            idle.add(connection);
        }
    }

    /**
     * The rows of a table (or key range) as PostgreSQL's CSV bytes, in canonical text form and primary-key
     * order. Closing the stream early cancels the COPY.
     */
    InputStream openCopy(Connection connection, Table table, KeyRange range) throws SQLException {
        return new PGCopyInputStream(connection.unwrap(PGConnection.class), copySql(table, range));
    }

    String copySql(Table table, KeyRange range) {
        StringBuilder sql = new StringBuilder("COPY (SELECT ");
        for (int i = 0; i < table.columns().size(); i++) {
            Column column = table.columns().get(i);
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(PostgresDdl.quote(column.name()));
            if (column.type().type() == PortableType.BOOLEAN) {
                // boolean's own text form is t/f; the cast yields the canonical true/false
                sql.append("::text");
            }
        }
        sql.append(" FROM ").append(PostgresDdl.qualified(namespace, table.name()));
        if (!range.isAll()) {
            sql.append(" WHERE ").append(range.condition(PostgresDdl.quote(range.column())));
        }
        if (!table.primaryKey().isEmpty()) {
            sql.append(" ORDER BY ").append(table.primaryKey().stream().map(PostgresDdl::quote).collect(Collectors.joining(", ")));
        }
        return sql.append(") TO STDOUT WITH (FORMAT csv)").toString();
    }

    private Connection borrow() throws SQLException, InterruptedException {
        Connection available = idle.poll();
        if (available != null) {
            return available;
        }
        synchronized (opened) {
            if (opened.size() < parallelism) {
                Connection worker = openWorker();
                opened.add(worker);
                return worker;
            }
        }
        return idle.take();
    }

    private Connection openWorker() throws SQLException {
        Connection worker = dialect.connect();
        try (Statement statement = worker.createStatement()) {
            worker.setAutoCommit(true);
            statement.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            statement.execute("SET TRANSACTION SNAPSHOT '" + exportedSnapshot.replace("'", "''") + "'");
            return worker;
        } catch (SQLException e) {
            PostgresDialect.closeQuietly(worker);
            throw e;
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("snapshot session is closed");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (opened) {
            for (Connection connection : opened) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // closing the connection ends the transaction and releases its locks as well
                }
                PostgresDialect.closeQuietly(connection);
            }
        }
    }
}

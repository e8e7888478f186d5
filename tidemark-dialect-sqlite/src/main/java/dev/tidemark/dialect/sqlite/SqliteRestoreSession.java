package dev.tidemark.dialect.sqlite;

import static dev.tidemark.dialect.sqlite.SqliteSql.quote;

import dev.tidemark.dialect.ForeignKeyViolation;
import dev.tidemark.dialect.RestoreChecks;
import dev.tidemark.source.ChangeApplier;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSource;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Index;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.IOException;
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
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;

/**
 * Restores into one SQLite file in a single {@code BEGIN IMMEDIATE} transaction, so nothing is visible
 * before {@link #commit()} and a failure rolls everything back. Foreign key enforcement is off during the
 * load and checked once with {@code PRAGMA foreign_key_check} in {@link #finish}. A file the session
 * created is deleted again when the restore does not commit.
 */
final class SqliteRestoreSession implements RestoreSession {
    private static final int BATCH_ROWS = 4096;

    private final Path file;
    private final boolean created;
    private final Connection connection;
    private final List<String> warnings = new ArrayList<>();
    /** CREATE INDEX statements, written by {@link #prepare}, run by {@link #finish}. */
    private final List<String> indexes = new ArrayList<>();
    private Schema schema;
    private SqliteChangeApplier changes;
    private boolean committed;
    private boolean closed;

    private SqliteRestoreSession(Path file, boolean created, Connection connection) {
        this.file = file;
        this.created = created;
        this.connection = connection;
    }

    static SqliteRestoreSession open(Path file, Duration lockWait) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new TidemarkException(ErrorKind.DATABASE_UNAVAILABLE,
                    "directory of the SQLite restore target does not exist: " + parent,
                    "create the directory or choose another target path");
        }
        boolean created = !Files.exists(file);
        Connection connection = null;
        try {
            connection = SqliteConnections.open(file, true, SQLiteConfig.TransactionMode.IMMEDIATE, lockWait);
            try (Statement st = connection.createStatement()) {
                // foreign_keys can only change outside a transaction; the journal stays on so ROLLBACK works
                st.execute("PRAGMA foreign_keys = OFF");
                st.execute("PRAGMA cache_size = -65536");
                // index builds sort through temporary files once the cache is full, so memory stays
                // bounded for any table size (held in memory, the sort of 10,000,000 rows took ~1 GB)
                st.execute("PRAGMA temp_store = FILE");
                if (created) {
                    // a crash can only hurt a file this session made and nobody else uses yet
                    st.execute("PRAGMA synchronous = OFF");
                }
            }
            connection.setAutoCommit(false);
            return new SqliteRestoreSession(file, created, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            if (created) {
                deleteCreatedFiles(file);
            }
            throw SqliteConnections.databaseError("opening the restore target", file, e);
        }
    }

    @Override
    public String backendVersion() {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT sqlite_version()")) {
            rs.next();
            return "sqlite " + rs.getString(1);
        } catch (SQLException e) {
            throw SqliteConnections.databaseError("reading the version", file, e);
        }
    }

    @Override
    public List<String> prepare(Schema schema, boolean replace) throws SQLException {
        RestoreChecks.requireColumns(schema, "SQLite");
        this.schema = schema;
        SqliteRestoreChecks.rejectCaseCollisions(schema);
        List<String> toReplace = SqliteRestoreChecks.existingTablesToReplace(connection, schema, replace);
        // every statement is written out here, native SQL read in its grammar, before anything is written
        List<String> tables = new ArrayList<>();
        for (Table table : schema.tables()) {
            tables.add(SqliteDdl.createTable(table, warnings));
            for (int i = 0; i < table.indexes().size(); i++) {
                String sql = SqliteDdl.createIndex(table, i);
                if (sql == null) {
                    warnings.add("index " + table.indexes().get(i).name() + " on " + table.name()
                            + " skipped: its expressions or predicate are specific to the source backend");
                } else {
                    indexes.add(sql);
                }
            }
        }
        try (Statement st = connection.createStatement()) {
            for (String existing : toReplace) {
                SqliteStatements.execute(st, "DROP TABLE main." + quote(existing));
            }
            for (String sql : tables) {
                SqliteStatements.execute(st, sql);
            }
        } catch (SQLException e) {
            throw SqliteConnections.databaseError("creating tables", file, e);
        }
        return List.copyOf(warnings);
    }

    @Override
    public long load(Table table, RowSource rows) throws IOException, SQLException {
        SqliteValueBinder binder = new SqliteValueBinder(table);
        String columns = table.columns().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
        String placeholders = String.join(", ", Collections.nCopies(binder.width(), "?"));
        long loaded = 0;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO main." + quote(table.name()) + " (" + columns + ") VALUES (" + placeholders + ")")) {
            int pending = 0;
            String[] row;
            while ((row = rows.next()) != null) {
                if (row.length != binder.width()) {
                    throw new TidemarkException(ErrorKind.ARCHIVE_INVALID, "row " + (loaded + pending + 1) + " of table "
                            + table.name() + " has " + row.length + " values, the table has " + binder.width()
                            + " columns", "the snapshot is damaged; verify it or use another snapshot");
                }
                binder.bind(insert, row);
                insert.addBatch();
                if (++pending == BATCH_ROWS) {
                    insert.executeBatch();
                    loaded += pending;
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
                loaded += pending;
            }
        } catch (SQLException e) {
            throw new TidemarkException(ErrorKind.DATABASE_ERROR, "SQLite rejected a row of table " + table.name()
                    + " near row " + (loaded + 1) + ": " + e.getMessage(),
                    "the target's schema or data does not match the snapshot; nothing was changed", e);
        }
        return loaded;
    }

    /** Changes go into the restore's own transaction, after the indexes exist (point-in-time recovery). */
    @Override
    public synchronized Optional<ChangeApplier> changeApplier() {
        if (changes == null) {
            changes = new SqliteChangeApplier(connection, () -> schema);
        }
        return Optional.of(changes);
    }

    @Override
    public void finish(Schema schema) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : indexes) {
                SqliteStatements.execute(st, sql);
            }
        } catch (SQLException e) {
            throw SqliteConnections.databaseError("creating indexes", file, e);
        }
        restoreSequences(schema);
        checkForeignKeys(schema);
    }

    private void restoreSequences(Schema schema) throws SQLException {
        for (Table table : schema.tables()) {
            if (table.nextValue() == null || SqliteDdl.inlinePrimaryKey(table) == null) {
                continue;
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM main.sqlite_sequence WHERE name = ?");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO main.sqlite_sequence (name, seq) VALUES (?, ?)")) {
                delete.setString(1, table.name());
                delete.executeUpdate();
                insert.setString(1, table.name());
                insert.setLong(2, table.nextValue() - 1);
                insert.executeUpdate();
            }
        }
    }

    /** SQLite's own check finds the violations; the first one of each table is reported as every restore does. */
    private void checkForeignKeys(Schema schema) throws SQLException {
        for (Table table : schema.tables()) {
            if (table.foreignKeys().isEmpty()) {
                continue;
            }
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT rowid, fkid FROM pragma_foreign_key_check("
                         + SqliteSql.string(table.name()) + ", 'main') LIMIT 1")) {
                if (rs.next()) {
                    Long rowid = rs.getObject(1) == null ? null : rs.getLong(1);
                    ForeignKey fk = declaredKey(table, rs.getInt(2));
                    throw ForeignKeyViolation.of(table.name(), fk, offendingKey(table, fk, rowid));
                }
            }
        }
    }

    /** The schema's key that SQLite numbers {@code id} (its numbering runs against the order of declaration). */
    private ForeignKey declaredKey(Table table, int id) throws SQLException {
        List<String> columns = new ArrayList<>();
        String parent = null;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"table\", \"from\" FROM pragma_foreign_key_list("
                     + SqliteSql.string(table.name()) + ", 'main') WHERE id = " + id + " ORDER BY seq")) {
            while (rs.next()) {
                parent = rs.getString(1);
                columns.add(rs.getString(2));
            }
        }
        String referenced = parent;
        return table.foreignKeys().stream()
                .filter(fk -> fk.columns().equals(columns) && fk.referencedTable().equalsIgnoreCase(referenced))
                .findFirst().orElse(new ForeignKey(null, columns, referenced, List.of(), null, null));
    }

    /** The key values of the row SQLite reported, or of the first violating row of a table without rowid. */
    private List<String> offendingKey(Table table, ForeignKey fk, Long rowid) throws SQLException {
        String sql = rowid != null
                ? "SELECT " + fk.columns().stream().map(SqliteSql::quote).collect(Collectors.joining(", "))
                        + " FROM main." + quote(table.name()) + " WHERE rowid = " + rowid
                : fk.columns().size() == fk.referencedColumns().size()
                        ? ForeignKeyViolation.firstViolationSql(SqliteSql::quote, "main." + quote(table.name()), fk,
                                "main." + quote(fk.referencedTable()))
                        : null;
        if (sql == null) {
            return null;
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= fk.columns().size(); i++) {
                values.add(rs.getString(i));
            }
            return values;
        } catch (SQLException e) {
            if (rowid != null) {
                throw e;
            }
            return null; // the referenced table is missing too: the message then names no value
        }
    }

    @Override
    public void commit() {
        try {
            // back to autocommit issues COMMIT without opening the next transaction
            connection.setAutoCommit(true);
            committed = true;
        } catch (SQLException e) {
            throw SqliteConnections.databaseError("committing the restore", file, e);
        }
    }

    /** Warnings collected so far (also returned by {@link #prepare}). */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // closing ends the open transaction with a rollback; JDBC rollback() would begin the next one
        closeQuietly(connection);
        if (!committed && created) {
            deleteCreatedFiles(file);
        }
    }

    private static void deleteCreatedFiles(Path file) {
        for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException ignored) {
                // best effort: the database itself was never committed
            }
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

package dev.tidemark.dialect.postgres;

import dev.tidemark.source.CsvImport;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSource;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A restore into the connection's current schema that becomes visible in one transaction: tables replaced with
 * {@code replace} are dropped in that same transaction, so a failure or a killed process leaves the target
 * exactly as it was (PostgreSQL rolls back an abandoned transaction by itself).
 *
 * <p>With one connection everything happens inside that transaction. With several ({@link PostgresStaging}),
 * tables are created, loaded, indexed and keyed in a private staging schema on all of them at once, and the
 * transaction only moves the finished tables into the target schema.
 */
final class PostgresRestoreSession implements RestoreSession {
    private final PostgresDialect dialect;
    private final Connection connection;
    private final String namespace;
    private final String version;
    private final Map<String, String> enumTypeOfColumn = new HashMap<>();
    private final Map<String, String> indexNames = new HashMap<>();
    private final Map<String, String> primaryKeyNames = new HashMap<>();
    /** Null when the restore runs in one transaction on {@link #connection}. */
    private final PostgresStaging staging;
    private final List<String> tablesToDrop = new ArrayList<>();
    private final List<String> enumsToDrop = new ArrayList<>();
    private final List<String> enumsToMove = new ArrayList<>();
    /** The statements building the tables, written by {@link #prepare}. */
    private PostgresBuild build;
    private boolean committed;
    private boolean closed;

    private PostgresRestoreSession(PostgresDialect dialect, Connection connection, String namespace, String version,
                                   PostgresStaging staging) {
        this.dialect = dialect;
        this.connection = connection;
        this.namespace = namespace;
        this.version = version;
        this.staging = staging;
    }

    /** @param parallelism connections that load and index at the same time; above 1 the restore is staged */
    static PostgresRestoreSession open(PostgresDialect dialect, int parallelism) {
        Connection connection = dialect.connect();
        try {
            connection.setAutoCommit(false);
            String namespace = PostgresSchemaReader.currentNamespace(connection);
            String version;
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT current_setting('server_version')")) {
                rs.next();
                version = rs.getString(1).split(" ")[0];
            }
            PostgresStaging staging = parallelism > 1 ? PostgresStaging.openIfPermitted(dialect, connection, parallelism) : null;
            connection.rollback();
            return new PostgresRestoreSession(dialect, connection, namespace, version, staging);
        } catch (SQLException e) {
            PostgresDialect.closeQuietly(connection);
            throw new TidemarkException(ErrorKind.DATABASE_ERROR, "cannot start a restore into PostgreSQL at "
                    + dialect.target().location() + ": " + PostgresDialect.firstLine(e.getMessage()),
                    "check that a schema of the search_path exists and the user may create tables in it", e);
        }
    }

    @Override
    public String backendVersion() {
        return "postgresql " + version;
    }

    @Override
    public List<String> prepare(Schema schema, boolean replace) throws Exception {
        PostgresRestorePlan.validateNames(schema, dialect.describe());
        List<String> warnings = new ArrayList<>();
        Map<String, String> existing = existingRelations();
        List<String> conflicts = schema.tables().stream().map(Table::name).filter(existing::containsKey).toList();
        if (!conflicts.isEmpty() && !replace) {
            throw new TidemarkException(ErrorKind.TARGET_CONFLICT, "the target " + dialect.describe()
                    + " already has tables " + String.join(", ", conflicts),
                    "use --replace to replace them, or restore into an empty database");
        }
        for (String name : conflicts) {
            String kind = existing.get(name);
            if (!kind.equals("r") && !kind.equals("p")) {
                throw new TidemarkException(ErrorKind.TARGET_CONFLICT, "the target " + dialect.describe() + " has a "
                        + PostgresRestorePlan.relationKind(kind) + " named " + name + " where the snapshot has a table",
                        "rename or drop it first; only tables are replaced");
            }
        }
        Map<String, List<String>> enums = PostgresRestorePlan.enumTypes(schema, enumTypeOfColumn);
        Map<String, List<String>> existingEnums = existingEnums(enums.keySet());
        List<String> enumsToCreate = new ArrayList<>();
        List<String> enumsToReplace = new ArrayList<>();
        for (var entry : enums.entrySet()) {
            List<String> present = existingEnums.get(entry.getKey());
            if (present == null) {
                enumsToCreate.add(entry.getKey());
            } else if (!present.equals(entry.getValue())) {
                if (!replace) {
                    throw new TidemarkException(ErrorKind.TARGET_CONFLICT, "the target " + dialect.describe()
                            + " has an enum type " + entry.getKey() + " with other labels " + present,
                            "use --replace to replace it, or drop it first");
                }
                enumsToReplace.add(entry.getKey());
            }
        }
        Set<String> takenNames = new java.util.HashSet<>(existing.keySet());
        takenNames.removeAll(conflicts);
        takenNames.removeAll(indexesOf(conflicts));
        schema.tables().forEach(table -> takenNames.add(table.name()));
        primaryKeyNames.putAll(PostgresRestorePlan.primaryKeyNames(schema, takenNames));
        indexNames.putAll(PostgresRestorePlan.indexNames(schema, takenNames, warnings::add));
        enumsToCreate.addAll(enumsToReplace);
        String home = buildNamespace();
        // every statement is written out here, native SQL read in its grammar, before anything is written
        build = PostgresBuild.plan(schema, home, namespace, enums, enumsToCreate, enumTypeOfColumn, primaryKeyNames,
                indexNames, warnings::add);

        try (Statement statement = connection.createStatement()) {
            if (!conflicts.isEmpty()) {
                dropReplacedTables(statement, conflicts);
            }
            for (String typeName : enumsToReplace) {
                dropReplacedEnum(statement, typeName);
            }
        }
        if (staging != null) {
            // the drops above were a rehearsal, so a dependency stops the restore before any loading
            connection.rollback();
            tablesToDrop.addAll(conflicts);
            enumsToDrop.addAll(enumsToReplace);
            enumsToMove.addAll(enumsToCreate);
            staging.create();
        }
        // from here on the tables are built where nobody sees them: in this transaction, or in the staging schema
        for (String sql : concat(build.enums(), build.tables())) {
            executeBuild(sql);
        }
        return warnings;
    }

    /** Where tables are created, loaded and indexed: the staging schema, or the target schema itself. */
    private String buildNamespace() {
        return staging == null ? namespace : staging.name();
    }

    private void executeBuild(String sql) throws SQLException {
        if (staging == null) {
            try (Statement statement = connection.createStatement()) {
                PostgresStatements.execute(statement, sql);
            }
        } else {
            staging.execute(sql);
        }
    }

    private void dropReplacedTables(Statement statement, List<String> tables) throws SQLException {
        try {
            PostgresStatements.execute(statement, "DROP TABLE " + tables.stream().map(name -> PostgresDdl.qualified(namespace, name))
                    .collect(Collectors.joining(", ")));
        } catch (SQLException e) {
            if ("2BP01".equals(e.getSQLState())) {
                throw new TidemarkException(ErrorKind.TARGET_CONFLICT, "cannot replace tables in " + dialect.describe()
                        + ": " + PostgresDialect.firstLine(e.getMessage()),
                        "other objects of the target depend on them (foreign keys, views); drop those first", e);
            }
            throw e;
        }
    }

    private void dropReplacedEnum(Statement statement, String typeName) throws SQLException {
        try {
            PostgresStatements.execute(statement, "DROP TYPE " + PostgresDdl.qualified(namespace, typeName));
        } catch (SQLException e) {
            if ("2BP01".equals(e.getSQLState())) {
                throw new TidemarkException(ErrorKind.TARGET_CONFLICT, "cannot replace enum type " + typeName + " in "
                        + dialect.describe() + ": other tables of the target use it with other labels",
                        "drop or change those tables first", e);
            }
            throw e;
        }
    }

    @Override
    public int parallelism() {
        return staging == null ? 1 : staging.parallelism();
    }

    @Override
    public long load(Table table, RowSource rows) throws Exception {
        return onLoader(loader -> copyRows(loader, table, rows));
    }

    /** Runs {@code copy} on this session's connection, or on a free loader connection of the staging area. */
    private long onLoader(Copy copy) throws Exception {
        if (staging == null) {
            return copy.into(connection);
        }
        Connection loader = staging.borrow();
        try {
            return copy.into(loader);
        } finally {
            staging.giveBack(loader);
        }
    }

    @FunctionalInterface
    private interface Copy {
        long into(Connection target) throws Exception;
    }

    private long copyRows(Connection target, Table table, RowSource rows) throws Exception {
        int columns = table.columns().size();
        CopyIn copy = target.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql(table));
        long count = 0;
        try {
            CopyText text = new CopyText(copy);
            String[] row;
            while ((row = rows.next()) != null) {
                text.row(row, columns);
                text.sendFull();
                count++;
            }
            text.flush();
            copy.endCopy();
            return count;
        } catch (SQLException e) {
            throw loadFailure(table, e);
        } catch (CopyText.CopyFailure e) {
            throw loadFailure(table, e.getCause());
        } finally {
            cancelIfActive(copy);
        }
    }

    /**
     * The archive's CSV goes to COPY as it is read, turned into COPY's text format on the way (by the loading
     * thread), for tables that {@link PostgresRestorePlan#copiesCsvVerbatim} accepts; {@link #load} would send
     * the same values.
     */
    @Override
    public Optional<CsvImport> csvImport(Table table) {
        return PostgresRestorePlan.copiesCsvVerbatim(table) ? Optional.of(this::loadCsv) : Optional.empty();
    }

    private long loadCsv(Table table, InputStream records) throws Exception {
        return onLoader(loader -> copyCsv(loader, table, records));
    }

    private long copyCsv(Connection target, Table table, InputStream records) throws Exception {
        CopyIn copy = target.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql(table));
        try {
            CsvToCopyText text = new CsvToCopyText(new CopyText(copy), table.columns().size());
            records.transferTo(text);
            text.flush();
            if (!text.atRecordEnd()) {
                throw new IllegalStateException("the records of " + table.name() + " ended inside a record");
            }
            return copy.endCopy();
        } catch (SQLException e) {
            throw loadFailure(table, e);
        } catch (CopyText.CopyFailure e) {
            throw loadFailure(table, e.getCause());
        } finally {
            cancelIfActive(copy);
        }
    }

    /** A table without columns (PostgreSQL allows them) takes no column list: each of its rows is an empty line. */
    private String copySql(Table table) {
        String columns = table.columns().isEmpty() ? ""
                : " (" + PostgresDdl.quotedList(table.columns().stream().map(Column::name).toList()) + ")";
        return "COPY " + PostgresDdl.qualified(buildNamespace(), table.name()) + columns + " FROM STDIN";
    }

    private TidemarkException loadFailure(Table table, SQLException e) {
        return new TidemarkException(ErrorKind.DATABASE_ERROR, "restore into " + dialect.describe() + " failed at table "
                + table.name() + ": " + PostgresDialect.firstLine(e.getMessage()),
                "nothing was committed; fix the data or the target and run it again", e);
    }

    private static void cancelIfActive(CopyIn copy) {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // the transaction is rolled back on close either way
            }
        }
    }

    /**
     * Builds keys and indexes: first every primary key and index (as unique indexes for the keys, so builds on one
     * table need no exclusive lock and can run together), then the constraints on those indexes, then the foreign
     * keys. A staged restore then moves its tables into the target schema, in the transaction {@link #commit} ends.
     */
    @Override
    public void finish(Schema schema) throws Exception {
        try {
            if (staging == null) {
                try (Statement statement = connection.createStatement()) {
                    for (String sql : concat(build.indexes(), build.constraints(), build.foreignKeys())) {
                        PostgresStatements.execute(statement, sql);
                    }
                }
            } else {
                staging.runWaves(List.of(build.indexes(), build.constraints(), build.foreignKeys()));
                moveIntoTarget(schema);
            }
        } catch (SQLException e) {
            throw PostgresForeignKeyFailure.of(schema, e).orElseThrow(() -> e);
        }
        for (Table table : schema.tables()) {
            resetSequence(table);
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    /** Replaces, in this session's transaction, the target's tables and enum types by the staged ones. */
    private void moveIntoTarget(Schema schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!tablesToDrop.isEmpty()) {
                dropReplacedTables(statement, tablesToDrop);
            }
            for (String typeName : enumsToDrop) {
                dropReplacedEnum(statement, typeName);
            }
            for (String typeName : enumsToMove) {
                PostgresStatements.execute(statement, "ALTER TYPE " + PostgresDdl.qualified(staging.name(), typeName)
                        + " SET SCHEMA " + PostgresDdl.quote(namespace));
            }
            for (Table table : schema.tables()) {
                // indexes, constraints and owned sequences move with the table
                PostgresStatements.execute(statement, "ALTER TABLE " + PostgresDdl.qualified(staging.name(), table.name())
                        + " SET SCHEMA " + PostgresDdl.quote(namespace));
            }
            PostgresStatements.execute(statement, "DROP SCHEMA " + PostgresDdl.quote(staging.name()));
        }
    }

    /** Sets the identity sequence so the next generated value is Table.nextValue, and never one already used. */
    private void resetSequence(Table table) throws SQLException {
        Column column = table.columns().stream()
                .filter(c -> c.autoIncrement() && (c.type().type() == PortableType.SMALLINT
                        || c.type().type() == PortableType.INTEGER || c.type().type() == PortableType.BIGINT))
                .findFirst().orElse(null);
        if (column == null) {
            return;
        }
        String qualifiedTable = PostgresDdl.qualified(namespace, table.name());
        try (PreparedStatement ps = connection.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?),"
                + " GREATEST(?, (SELECT COALESCE(MAX(" + PostgresDdl.quote(column.name()) + "), 0) + 1 FROM "
                + qualifiedTable + ")), false)")) {
            ps.setString(1, qualifiedTable);
            ps.setString(2, column.name());
            ps.setLong(3, table.nextValue() == null ? 1 : Math.max(1, table.nextValue()));
            ps.execute();
        }
    }

    @Override
    public void commit() throws Exception {
        connection.commit();
        committed = true;
        if (staging != null) {
            staging.close();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // closing the connection rolls the transaction back as well
            }
        }
        PostgresDialect.closeQuietly(connection);
        if (staging != null) {
            // after the rollback above, which released the locks the move into the target had taken
            staging.close();
        }
    }

    static boolean isOwnBackend(Table table) {
        return "true".equals(table.options().get(PostgresSchemaReader.SOURCE_OPTION));
    }

    /** Relations of the target schema by name, with their pg_class.relkind. */
    private Map<String, String> existingRelations() throws SQLException {
        Map<String, String> relations = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.relname, c.relkind FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    relations.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return relations;
    }

    /** Names of the indexes of the given tables, which disappear with them. */
    private List<String> indexesOf(List<String> tables) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT ic.relname FROM pg_index i"
                + " JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ? AND t.relname = ANY (?)")) {
            ps.setString(1, namespace);
            ps.setArray(2, connection.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private Map<String, List<String>> existingEnums(Set<String> names) throws SQLException {
        Map<String, List<String>> found = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT t.typname,"
                + " ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)"
                + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ? AND t.typname = ?")) {
            for (String name : names) {
                ps.setString(1, namespace);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found.put(name, List.of((String[]) rs.getArray(2).getArray()));
                    }
                }
            }
        }
        return found;
    }
}

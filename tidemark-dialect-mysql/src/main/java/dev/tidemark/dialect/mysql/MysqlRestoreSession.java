package dev.tidemark.dialect.mysql;

import dev.tidemark.source.CsvImport;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSource;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An all-or-nothing restore into MySQL/MariaDB, whose DDL is not transactional: every table is created
 * and loaded under a staging name ({@code _tm_<run>_s<n>}), gets its indexes and foreign keys there (the loaded
 * rows checked against every key first, as the load ran without checks), and one {@code RENAME TABLE} statement
 * swaps all of them into place at {@link #commit()}. Until then the
 * target's own tables are untouched; a failure drops the staging tables. A process killed mid-restore
 * leaves only staging tables, which the next restore into the same database removes in {@link #prepare}.
 * A named lock keeps two restores into one database from running at once.
 */
final class MysqlRestoreSession implements RestoreSession {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final MysqlConnectionString target;
    private final Connection connection;
    private final ServerInfo server;
    private final String run;
    private final Map<String, TablePlan> plans = new LinkedHashMap<>();
    private final Map<String, FirstRowsGate> firstRows = new HashMap<>();
    private final List<String> created = new ArrayList<>();
    private MysqlRestorePlanner planner;
    private List<ReferencingKeys.Referencing> referencingKeys = List.of();
    private boolean committed;
    private volatile boolean closed;
    private boolean loadDataLocal;
    private final int parallelism;
    private final LoaderPool loaders;

    private MysqlRestoreSession(MysqlConnectionString target, Connection connection, ServerInfo server, int parallelism) {
        this.target = target;
        this.connection = connection;
        this.server = server;
        this.run = randomRun();
        this.parallelism = parallelism;
        this.loaders = new LoaderPool(target, connection, parallelism);
    }

    /** Loads with multi-row INSERTs instead of LOAD DATA LOCAL, as on servers with local_infile=OFF. */
    void useInsertBatches() {
        loadDataLocal = false;
    }

    /**
     * @param parallelism loads that may run at once, each on its own connection: staging tables are ordinary
     *                    tables, so any connection can fill them, and the final swap stays one atomic RENAME
     */
    static MysqlRestoreSession open(MysqlConnectionString target, int parallelism) {
        Connection connection = MysqlConnections.open(target, true);
        try {
            ServerInfo server = ServerInfo.of(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute(LoaderPool.LOADER_SETTINGS);
                try (ResultSet rs = statement.executeQuery("SELECT GET_LOCK(CONCAT('tidemark-restore:', DATABASE()), 0)")) {
                    rs.next();
                    if (rs.getInt(1) != 1) {
                        throw new TidemarkException(ErrorKind.BUSY, "another restore into " + target.location()
                                + " is running", "wait for it to finish, then run this restore again");
                    }
                }
            }
            MysqlRestoreSession session = new MysqlRestoreSession(target, connection, server, parallelism);
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT @@local_infile")) {
                rs.next();
                session.loadDataLocal = rs.getInt(1) == 1;
            }
            return session;
        } catch (SQLException e) {
            MysqlConnections.closeQuietly(connection);
            throw new TidemarkException(ErrorKind.DATABASE_ERROR, "cannot start a restore into " + target.location() + ": "
                    + MysqlConnections.clean(e, target), "check the user's privileges", e);
        } catch (RuntimeException e) {
            MysqlConnections.closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public String backendVersion() {
        return server.describe();
    }

    @Override
    public List<String> prepare(Schema schema, boolean replace) throws SQLException {
        boolean caseInsensitive;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@lower_case_table_names")) {
            rs.next();
            caseInsensitive = rs.getInt(1) != 0;
        }
        planner = new MysqlRestorePlanner(server, caseInsensitive, run);
        planner.validate(schema);
        // staging tables of killed restores are dropped below, so the plan sees the target without them
        List<String> targetTables = stringList("SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE()").stream().filter(table -> !MysqlDdl.isStagingName(table)).toList();
        Set<String> existing = new HashSet<>();
        targetTables.forEach(table -> existing.add(planner.tableKey(table)));
        List<String> conflicts = schema.tables().stream().map(Table::name)
                .filter(name -> existing.contains(planner.tableKey(name))).toList();
        if (!conflicts.isEmpty() && !replace) {
            throw new TidemarkException(ErrorKind.TARGET_CONFLICT, target.location() + " already has table"
                    + (conflicts.size() > 1 ? "s " : " ") + String.join(", ", conflicts.subList(0, Math.min(5, conflicts.size())))
                    + (conflicts.size() > 5 ? " and " + (conflicts.size() - 5) + " more" : ""),
                    "use --replace to replace them, or restore into an empty database");
        }
        Map<String, String> constraints = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT CONSTRAINT_NAME, TABLE_NAME"
                + " FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()"
                + " AND CONSTRAINT_TYPE = 'FOREIGN KEY'"); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                if (!MysqlDdl.isStagingName(rs.getString(2))) {
                    constraints.put(rs.getString(1).toLowerCase(Locale.ROOT), planner.tableKey(rs.getString(2)));
                }
            }
        }
        // every statement is written out here, native SQL read in its grammar, before anything is written
        List<TablePlan> planned = planner.plan(schema, existing, constraints);
        removeLeftovers();
        Set<String> restoredKeys = new HashSet<>();
        schema.tables().forEach(t -> restoredKeys.add(planner.tableKey(t.name())));
        Set<String> replacedNames = new HashSet<>();
        targetTables.stream().filter(table -> restoredKeys.contains(planner.tableKey(table))).forEach(replacedNames::add);
        referencingKeys = ReferencingKeys.find(connection, replacedNames,
                table -> restoredKeys.contains(planner.tableKey(table)));
        try (Statement statement = connection.createStatement()) {
            for (TablePlan plan : planned) {
                plans.put(plan.name(), plan);
                firstRows.put(plan.name(), new FirstRowsGate());
                created.add(plan.staging());
                statement.execute(plan.createSql());
            }
        }
        return List.copyOf(planner.warnings());
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public long load(Table table, RowSource rows) throws Exception {
        return onLoader(table, (loader, plan) -> loadDataLocal
                ? loadData(loader, table, plan, new RowsToLoadData(table.name(), plan.columns(), rows))
                : insertBatches(loader, table, plan, rows));
    }

    /**
     * The archive's CSV goes to LOAD DATA as it is read, re-encoded on the way (by the loading thread): values
     * the server reads as they are pass byte for byte, the others are converted as {@link #load} converts them.
     */
    @Override
    public Optional<CsvImport> csvImport(Table table) {
        if (!loadDataLocal) {
            return Optional.empty();
        }
        return Optional.of((t, records) -> onLoader(t, (loader, plan) ->
                loadData(loader, t, plan, new CsvToLoadData(t.name(), plan.columns(), records))));
    }

    private interface Load {
        long into(Connection loader, TablePlan plan) throws Exception;
    }

    private long onLoader(Table table, Load load) throws Exception {
        TablePlan plan = plans.get(table.name());
        if (plan == null) {
            throw new IllegalStateException("table " + table.name() + " was not prepared");
        }
        return firstRows.get(table.name()).pass(() -> {
            Connection loader = loaders.borrow();
            try {
                return load.into(loader, plan);
            } finally {
                loaders.giveBack(loader);
            }
        });
    }

    private long insertBatches(Connection connection, Table table, TablePlan plan, RowSource rows) throws Exception {
        try {
            return new InsertBatchLoader(connection).load(plan, rows);
        } catch (SQLException e) {
            throw rejected(table, e.getMessage());
        }
    }

    private long loadData(Connection connection, Table table, TablePlan plan, LoadDataStream stream) throws Exception {
        StringBuilder sql = new StringBuilder("LOAD DATA LOCAL INFILE 'tidemark.tsv' INTO TABLE ")
                .append(MysqlDdl.quote(plan.staging()))
                .append(" CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (");
        List<String> assignments = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            TargetColumn column = plan.columns().get(i);
            sql.append(i > 0 ? ", " : "");
            if (column.loadExpression() == null) {
                sql.append(MysqlDdl.quote(column.name()));
            } else {
                sql.append("@v").append(i);
                assignments.add(MysqlDdl.quote(column.name()) + " = " + column.loadExpression().formatted("@v" + i));
            }
        }
        sql.append(')');
        if (!assignments.isEmpty()) {
            sql.append(" SET ").append(String.join(", ", assignments));
        }
        long affected;
        try (Statement statement = connection.createStatement()) {
            ((org.mariadb.jdbc.Statement) statement).setLocalInfileInputStream(stream);
            try {
                affected = statement.executeLargeUpdate(sql.toString());
            } catch (SQLException e) {
                if (stream.failure() != null) {
                    throw stream.failure();
                }
                throw rejected(table, e.getMessage());
            }
            if (stream.failure() != null) {
                throw stream.failure();
            }
            // LOAD DATA LOCAL turns data errors into warnings (the server cannot stop the client's stream), so a
            // warning means a value was changed or a row skipped: the restore must fail rather than keep it
            try (ResultSet rs = statement.executeQuery("SHOW WARNINGS LIMIT 1")) {
                if (rs.next()) {
                    throw rejected(table, rs.getString(3));
                }
            }
        }
        if (affected != stream.rowCount()) {
            throw rejected(table, "the server stored " + affected + " of " + stream.rowCount() + " rows");
        }
        return stream.rowCount();
    }

    private TidemarkException rejected(Table table, String detail) {
        String line = detail == null ? "" : detail.lines().findFirst().orElse("").strip();
        return new TidemarkException(ErrorKind.DATABASE_ERROR, "table " + table.name() + ": " + target.location()
                + " rejected the data: " + line, "nothing was committed; fix the value or the target's constraints");
    }

    /**
     * Builds the secondary indexes, several tables at once; then checks every foreign key the restored rows take
     * part in (the indexes make each check one indexed anti-join); then adds the restored tables' keys.
     */
    @Override
    public void finish(Schema schema) throws Exception {
        loaders.runEach(plans.values().stream().filter(plan -> !plan.indexSql().isEmpty()).toList(),
                MysqlRestoreSession::buildIndexes);
        loaders.runEach(foreignKeyChecks(schema), (checker, check) -> check.run(checker));
        try (Statement statement = connection.createStatement()) {
            for (TablePlan plan : plans.values()) {
                for (String sql : plan.foreignKeySql()) {
                    statement.execute(sql);
                }
            }
        }
    }

    /**
     * The keys of the restored tables, against the staging tables they reference or the target's own tables
     * outside the restore; and the keys of tables outside the restore that reference a table it replaces.
     */
    private List<ForeignKeyCheck> foreignKeyChecks(Schema schema) {
        List<ForeignKeyCheck> checks = new ArrayList<>();
        for (Table table : schema.tables()) {
            for (ForeignKey fk : table.foreignKeys()) {
                TablePlan referenced = plans.get(fk.referencedTable());
                checks.add(new ForeignKeyCheck(table.name(), fk, plans.get(table.name()).staging(),
                        referenced == null ? fk.referencedTable() : referenced.staging()));
            }
        }
        for (ReferencingKeys.Referencing referencing : referencingKeys) {
            String referencedKey = planner.tableKey(referencing.key().referencedTable());
            plans.values().stream().filter(plan -> planner.tableKey(plan.name()).equals(referencedKey)).findFirst()
                    .ifPresent(plan -> checks.add(new ForeignKeyCheck(referencing.table(), referencing.key(),
                            referencing.table(), plan.staging())));
        }
        return checks;
    }

    private static void buildIndexes(Connection connection, TablePlan plan) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : plan.indexSql()) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void commit() throws SQLException {
        if (plans.isEmpty()) {
            committed = true;
            return;
        }
        List<String> renames = new ArrayList<>();
        List<String> retired = new ArrayList<>();
        for (TablePlan plan : plans.values()) {
            if (plan.replaces()) {
                renames.add(MysqlDdl.quote(plan.name()) + " TO " + MysqlDdl.quote(plan.retired()));
                retired.add(plan.retired());
            }
            renames.add(MysqlDdl.quote(plan.staging()) + " TO " + MysqlDdl.quote(plan.name()));
        }
        try (Statement statement = connection.createStatement()) {
            // one statement: the server applies every rename atomically or none of them
            statement.execute("RENAME TABLE " + String.join(", ", renames));
            committed = true;
            created.clear();
            created.addAll(retired);
            for (String sql : ReferencingKeys.repointStatements(referencingKeys)) {
                try {
                    statement.execute(sql);
                } catch (SQLException ignored) {
                    // the restore is committed; a key that cannot be re-pointed is the only casualty
                }
            }
            dropCreated(statement);
            for (TablePlan plan : plans.values()) {
                for (String sql : plan.afterSwapSql()) {
                    try {
                        statement.execute(sql);
                    } catch (SQLException ignored) {
                        // the restore is committed; the key keeps working under its temporary name
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        loaders.closeExtras();
        try (Statement statement = connection.createStatement()) {
            dropCreated(statement);
        } catch (SQLException ignored) {
            // the connection broke; a fresh one below cleans up
        } finally {
            MysqlConnections.closeQuietly(connection);
        }
        if (!created.isEmpty()) {
            try (Connection fresh = MysqlConnections.open(target, false); Statement statement = fresh.createStatement()) {
                statement.execute("SET SESSION foreign_key_checks = 0");
                dropCreated(statement);
            } catch (SQLException | RuntimeException ignored) {
                // the server is unreachable; the next restore's prepare() removes what is left
            }
        }
    }

    /** Drops staging tables (before commit) or the replaced tables (after it), best effort. */
    private void dropCreated(Statement statement) {
        for (String table : List.copyOf(created)) {
            try {
                statement.execute("DROP TABLE IF EXISTS " + MysqlDdl.quote(table));
                created.remove(table);
            } catch (SQLException ignored) {
                // left for the next restore's prepare() to remove
            }
        }
    }

    private void removeLeftovers() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : stringList("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME LIKE '\\_tm\\_%'")) {
                if (MysqlDdl.isStagingName(table)) {
                    statement.execute("DROP TABLE IF EXISTS " + MysqlDdl.quote(table));
                }
            }
        }
    }

    private List<String> stringList(String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    private static String randomRun() {
        SecureRandom random = new SecureRandom();
        StringBuilder run = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            run.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return run.toString();
    }
}

package dev.tidemark.dialect.sqlite;

import static dev.tidemark.dialect.sqlite.SqliteSql.quote;

import dev.tidemark.source.KeyRange;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Table;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Looks at the values a table actually holds, because SQLite lets any column hold any storage class.
 * It finds (a) columns holding values their portable type cannot carry exactly, which become
 * {@link PortableType#NATIVE} columns exported as {@link SqliteLiteral}s, and (b) SMALLINT/INTEGER columns
 * holding values outside that range, which are widened so other backends accept them.
 *
 * <p>Reading a large table costs about as much as exporting it, so both questions share one pass that
 * stops at the first row needing either answer; the usual answer is "none", and only a table that has
 * such a row is read a second time to find out which columns it concerns. Columns whose declared type
 * already rules out other storage classes (the rowid alias, the typed columns of a STRICT table) are not
 * checked for them.
 *
 * <p>Given several connections that read the same state, the scans run on all of them at once: different
 * tables, and rowid ranges of a large rowid table. The ranges cover every row, so a hit in any range is a
 * hit in the table (its other ranges are then skipped), and no hit in any range means none in the table.
 */
final class SqliteValueScan {
    /** Rowid tables wider than this many rowids are scanned in ranges when there are several connections. */
    private static final long RANGE_SCAN_MIN_ROWIDS = 4096;
    /** Ranges per connection, so that connections finishing early take over part of a large table. */
    private static final int RANGES_PER_CONNECTION = 4;

    private final Connection connection;
    private final List<String> warnings;

    SqliteValueScan(Connection connection, List<String> warnings) {
        this.connection = connection;
        this.warnings = warnings;
    }

    Table fitToValues(Table table) throws SQLException {
        Conditions conditions = conditions(table);
        if (conditions.any().isEmpty() || !exists(conditions.firstRowSql(table, KeyRange.ALL))) {
            return table;
        }
        return fitted(table, conditions);
    }

    /**
     * {@link #fitToValues} for every table, on all of {@code connections} at once; every connection must be in
     * a read transaction at the same state. The result and the warnings (added in table order) are those of
     * {@link #fitToValues} one table after another.
     */
    static List<Table> fitToValues(List<Table> tables, List<Connection> connections, List<String> warnings)
            throws SQLException {
        if (connections.size() == 1) {
            SqliteValueScan scan = new SqliteValueScan(connections.get(0), warnings);
            List<Table> fitted = new ArrayList<>(tables.size());
            for (Table table : tables) {
                fitted.add(scan.fitToValues(table));
            }
            return fitted;
        }
        SqliteValueScan planner = new SqliteValueScan(connections.get(0), warnings);
        List<Conditions> conditions = new ArrayList<>(tables.size());
        List<RangeScan> firstPass = new ArrayList<>();
        AtomicBoolean[] hits = new AtomicBoolean[tables.size()];
        for (int t = 0; t < tables.size(); t++) {
            Table table = tables.get(t);
            Conditions c = planner.conditions(table);
            conditions.add(c);
            hits[t] = new AtomicBoolean();
            if (c.any().isEmpty()) {
                continue;
            }
            for (KeyRange range : planner.scanRanges(table, connections.size() * RANGES_PER_CONNECTION)) {
                firstPass.add(new RangeScan(t, c.firstRowSql(table, range)));
            }
        }
        // the first pass: any row needing an answer, per table, skipping a table's ranges once one has a hit
        runOnEach(connections, firstPass, (scan, task) -> {
            if (!hits[task.table()].get() && scan.exists(task.sql())) {
                hits[task.table()].set(true);
            }
        });
        // the second pass, whole tables, only for those with a hit; each keeps its warnings for table order
        List<Integer> hit = new ArrayList<>();
        for (int t = 0; t < tables.size(); t++) {
            if (hits[t].get()) {
                hit.add(t);
            }
        }
        Table[] fitted = tables.toArray(new Table[0]);
        List<List<String>> tableWarnings = new ArrayList<>();
        for (int t = 0; t < tables.size(); t++) {
            tableWarnings.add(new ArrayList<>());
        }
        runOnEach(connections, hit, (scan, t) -> {
            fitted[t] = new SqliteValueScan(scan.connection, tableWarnings.get(t)).fitted(tables.get(t), conditions.get(t));
        });
        tableWarnings.forEach(warnings::addAll);
        return List.of(fitted);
    }

    /** One first-pass query: does the range of table number {@code table} hold a row needing an answer. */
    private record RangeScan(int table, String sql) {
    }

    private interface Work<T> {
        void run(SqliteValueScan scan, T task) throws SQLException;
    }

    /**
     * Runs every task, in order, on one thread per connection, each thread taking the next task when it has
     * finished one. After a failure no further task starts; the first failure is thrown once all have stopped.
     */
    private static <T> void runOnEach(List<Connection> connections, List<T> tasks, Work<T> work) throws SQLException {
        if (tasks.isEmpty()) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int threads = Math.min(connections.size(), tasks.size());
        List<Thread> started = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            SqliteValueScan scan = new SqliteValueScan(connections.get(i), List.of());
            Thread thread = new Thread(() -> {
                try {
                    for (int index = next.getAndIncrement(); index < tasks.size() && failure.get() == null;
                         index = next.getAndIncrement()) {
                        work.run(scan, tasks.get(index));
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "tidemark-sqlite-scan-" + (i + 1));
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        boolean interrupted = false;
        for (Thread thread : started) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    // the threads use the session's connections, so they must end before the session can close
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof SQLException sql) {
            throw sql;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
    }

    /**
     * Ranges of the table's rowids that together cover every row, about {@code wanted} of them for a large
     * rowid table, else {@link KeyRange#ALL}. A range on the rowid is a b-tree seek, so each range reads
     * only its own rows.
     */
    private List<KeyRange> scanRanges(Table table, int wanted) throws SQLException {
        if ("true".equals(table.options().get(SqliteSchemaReader.OPTION_WITHOUT_ROWID))) {
            return List.of(KeyRange.ALL);
        }
        String rowid = rowidName(table);
        if (rowid == null) {
            return List.of(KeyRange.ALL);
        }
        String q = quote(rowid);
        try (Statement st = connection.createStatement();
             // one aggregate per query: min() or max() alone is read from one end of the b-tree
             ResultSet rs = st.executeQuery("SELECT (SELECT min(" + q + ") FROM main." + quote(table.name())
                     + "), (SELECT max(" + q + ") FROM main." + quote(table.name()) + ")")) {
            rs.next();
            long min = rs.getLong(1);
            if (rs.wasNull()) {
                return List.of(KeyRange.ALL);
            }
            long max = rs.getLong(2);
            if (BigInteger.valueOf(max).subtract(BigInteger.valueOf(min)).compareTo(BigInteger.valueOf(RANGE_SCAN_MIN_ROWIDS)) < 0) {
                return List.of(KeyRange.ALL);
            }
            // "wanted" parts of one byte each: evenSplit then cuts the key width into that many ranges
            return KeyRange.evenSplit(rowid, min, max, wanted, 1);
        }
    }

    /**
     * A name that refers to the table's rowid: its rowid alias column, else the first of SQLite's three
     * names for the rowid that no column (generated ones included) has taken; null if all are taken.
     */
    private String rowidName(Table table) throws SQLException {
        Set<String> taken = new HashSet<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM pragma_table_xinfo(" + SqliteSql.string(table.name())
                     + ", 'main')")) {
            while (rs.next()) {
                taken.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        if (table.primaryKey().size() == 1) {
            Column key = table.columns().stream().filter(c -> c.name().equals(table.primaryKey().get(0)))
                    .findFirst().orElse(null);
            if (key != null && isRowidAlias(table, key)) {
                return key.name();
            }
        }
        for (String name : List.of("rowid", "_rowid_", "oid")) {
            if (!taken.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /** The columns to check and the conditions that find a row needing an answer. */
    private Conditions conditions(Table table) throws SQLException {
        List<Column> columns = table.columns();
        int width = columns.size();
        String[] misfitConditions = new String[width];
        String[] outOfRangeConditions = new String[width];
        List<String> anyCondition = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            Column column = columns.get(i);
            String q = quote(column.name());
            if (!holdsOnlyItsDeclaredType(table, column)) {
                misfitConditions[i] = SqliteTypeMapping.misfitCondition(q, column.type());
                anyCondition.add(misfitConditions[i]);
            }
            PortableType type = column.type().type();
            if (type == PortableType.SMALLINT || type == PortableType.INTEGER) {
                // BINARY: only numbers are compared, and the column's own collation may be unknown here
                outOfRangeConditions[i] = type == PortableType.SMALLINT
                        ? q + " COLLATE BINARY NOT BETWEEN " + Short.MIN_VALUE + " AND " + Short.MAX_VALUE
                        : q + " COLLATE BINARY NOT BETWEEN " + Integer.MIN_VALUE + " AND " + Integer.MAX_VALUE;
                anyCondition.add(outOfRangeConditions[i]);
            }
        }
        return new Conditions(misfitConditions, outOfRangeConditions, anyCondition);
    }

    private record Conditions(String[] misfit, String[] outOfRange, List<String> any) {
        /** The query finding the first row of {@code range} that needs either answer. */
        String firstRowSql(Table table, KeyRange range) {
            String where = String.join(" OR ", any);
            if (!range.isAll()) {
                where = range.condition(quote(range.column())) + " AND (" + where + ")";
            }
            return "SELECT 1 FROM main." + quote(table.name()) + " WHERE " + where + " LIMIT 1";
        }
    }

    /**
     * The rowid alias always holds a 64-bit integer, and a STRICT table enforces its declared types on
     * every column but those declared ANY.
     */
    private boolean holdsOnlyItsDeclaredType(Table table, Column column) throws SQLException {
        String declared = column.type().nativeType().strip();
        if ("true".equals(table.options().get(SqliteSchemaReader.OPTION_STRICT))) {
            return !"ANY".equalsIgnoreCase(declared);
        }
        return isRowidAlias(table, column);
    }

    /** INTEGER PRIMARY KEY of a rowid table, unless DESC made it an ordinary column with an index. */
    private boolean isRowidAlias(Table table, Column column) throws SQLException {
        return !"true".equals(table.options().get(SqliteSchemaReader.OPTION_WITHOUT_ROWID))
                && table.primaryKey().equals(List.of(column.name()))
                && column.type().nativeType().strip().equalsIgnoreCase("INTEGER")
                && !hasPrimaryKeyIndex(table);
    }

    /** An INTEGER PRIMARY KEY DESC column is an ordinary column with an index of its own, not the rowid. */
    private boolean hasPrimaryKeyIndex(Table table) throws SQLException {
        return exists("SELECT 1 FROM pragma_index_list(" + SqliteSql.string(table.name())
                + ", 'main') WHERE origin = 'pk'");
    }

    /** The second pass: which columns hold misfits, and the range of each SMALLINT/INTEGER column. */
    private Table fitted(Table table, Conditions conditions) throws SQLException {
        String from = " FROM main." + quote(table.name());
        String[] misfitConditions = conditions.misfit();
        String[] outOfRangeConditions = conditions.outOfRange();
        List<Column> columns = table.columns();
        StringBuilder sql = new StringBuilder("SELECT 0");
        for (int i = 0; i < columns.size(); i++) {
            if (misfitConditions[i] != null) {
                sql.append(", coalesce(max(").append(misfitConditions[i]).append("), 0)");
            }
            if (outOfRangeConditions[i] != null) {
                String q = quote(columns.get(i).name()) + " COLLATE BINARY";
                sql.append(", min(").append(q).append("), max(").append(q).append(")");
            }
        }
        List<Column> fitted = new ArrayList<>(columns.size());
        Map<String, String> options = new LinkedHashMap<>(table.options());
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.append(from).toString())) {
            rs.next();
            int next = 2;
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                ColumnType type = column.type();
                boolean misfit = misfitConditions[i] != null && rs.getInt(next++) == 1;
                if (outOfRangeConditions[i] != null) {
                    long min = rs.getLong(next++);
                    long max = rs.getLong(next++);
                    if (!misfit) {
                        type = widenedToValues(type, min, max);
                    }
                }
                if (misfit) {
                    warnings.add("column " + table.name() + "." + column.name() + " holds values that are not "
                            + type.type() + " (declared '" + type.nativeType() + "'): carried as SQLite literals");
                    options.put(SqliteSchemaReader.OPTION_LITERAL_PREFIX + column.name(), "true");
                    type = ColumnType.of(PortableType.NATIVE, type.nativeType());
                }
                fitted.add(type == column.type() ? column : new Column(column.name(), type, column.nullable(),
                        misfit ? null : column.defaultValue(), column.nativeDefault(), column.autoIncrement()));
            }
        }
        return new Table(table.name(), fitted, table.primaryKey(), table.uniqueKeys(), table.indexes(),
                table.foreignKeys(), table.nextValue(), options);
    }

    private boolean exists(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next();
        }
    }

    /** SMALLINT/INTEGER widened to the smallest portable integer type holding every stored value. */
    private static ColumnType widenedToValues(ColumnType type, long min, long max) {
        if (type.type() == PortableType.SMALLINT && min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
            return type;
        }
        if (min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE) {
            return type.type() == PortableType.INTEGER ? type : widened(type, PortableType.INTEGER);
        }
        return widened(type, PortableType.BIGINT);
    }

    private static ColumnType widened(ColumnType type, PortableType wider) {
        return new ColumnType(wider, null, null, null, false, List.of(), type.nativeType());
    }
}

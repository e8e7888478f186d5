package dev.tidemark.dialect.sqlite;

import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Index;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import dev.tidemark.schema.TableOrder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the schema of the {@code main} database of an SQLite connection into portable terms. Must run
 * inside the snapshot's transaction: it also scans each table once to find columns whose stored values
 * do not fit their declared type (SQLite is dynamically typed), which are then carried as literals; given
 * further connections at the same state, the scans run on all of them at once.
 */
final class SqliteSchemaReader {
    /** Table option: the table's CREATE TABLE statement; also marks the table as read from SQLite. */
    static final String OPTION_SQL = "sqlite.sql";
    static final String OPTION_WITHOUT_ROWID = "sqlite.withoutRowid";
    static final String OPTION_STRICT = "sqlite.strict";
    /** Table option prefix: {@code sqlite.literal.<column>=true} marks a column exported as {@link SqliteLiteral}s. */
    static final String OPTION_LITERAL_PREFIX = "sqlite.literal.";

    private static final Pattern AUTOINCREMENT = Pattern.compile("(?i)\\bAUTOINCREMENT\\b");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Connection connection;
    private final List<String> warnings = new ArrayList<>();

    SqliteSchemaReader(Connection connection) {
        this.connection = connection;
    }

    List<String> warnings() {
        return warnings;
    }

    Schema read() throws SQLException {
        return read(List.of(connection));
    }

    /**
     * The schema, with the value scans run on all of {@code scanConnections} at once (see
     * {@link SqliteValueScan#fitToValues(List, List, List)}); each must read the same state as this reader's
     * connection, which is usually the first of them.
     */
    Schema read(List<Connection> scanConnections) throws SQLException {
        Map<String, String[]> tableFlags = tableFlags();
        Map<String, Long> sequences = sequences();
        List<Table> tables = new ArrayList<>();
        Map<String, String> nativeObjects = new TreeMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT type, name, sql FROM main.sqlite_schema"
                     + " WHERE type IN ('table','view','trigger') ORDER BY rowid")) {
            List<String[]> objects = new ArrayList<>();
            while (rs.next()) {
                objects.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
            for (String[] object : objects) {
                String type = object[0];
                String name = object[1];
                String sql = object[2];
                if (name.startsWith("sqlite_")) {
                    continue;
                }
                if (!type.equals("table")) {
                    nativeObjects.put(name, sql);
                    warnings.add(type + " " + name + " skipped: " + type + "s are not carried by snapshots");
                    continue;
                }
                String[] flags = tableFlags.getOrDefault(name, new String[] {"table", "0", "0"});
                if (!flags[0].equals("table")) {
                    if (flags[0].equals("virtual")) {
                        nativeObjects.put(name, sql);
                        warnings.add("virtual table " + name + " skipped: virtual tables are not carried by snapshots");
                    }
                    continue;
                }
                tables.add(readTable(name, sql, flags[1].equals("1"), flags[2].equals("1"), sequences.get(name)));
            }
        }
        List<Table> scanned = SqliteValueScan.fitToValues(tables, scanConnections, warnings);
        return new Schema(TableOrder.referencedFirst(scanned, name -> name.toLowerCase(java.util.Locale.ROOT)), Map.of(), nativeObjects);
    }

    /** name → {type, withoutRowid, strict}. */
    private Map<String, String[]> tableFlags() throws SQLException {
        Map<String, String[]> flags = new HashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, type, wr, strict FROM pragma_table_list WHERE schema='main'")) {
            while (rs.next()) {
                flags.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        return flags;
    }

    private Map<String, Long> sequences() throws SQLException {
        Map<String, Long> sequences = new HashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet exists = st.executeQuery(
                     "SELECT 1 FROM main.sqlite_schema WHERE type='table' AND name='sqlite_sequence'")) {
            if (!exists.next()) {
                return sequences;
            }
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, seq FROM main.sqlite_sequence")) {
            while (rs.next()) {
                sequences.put(rs.getString(1), rs.getLong(2));
            }
        }
        return sequences;
    }

    private Table readTable(String name, String sql, boolean withoutRowid, boolean strict, Long sequence)
            throws SQLException {
        List<String[]> rawColumns = new ArrayList<>();
        TreeMap<Integer, String> primaryKey = new TreeMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, type, \"notnull\", dflt_value, pk, hidden"
                     + " FROM pragma_table_xinfo(" + SqliteSql.string(name) + ", 'main') ORDER BY cid")) {
            while (rs.next()) {
                if (rs.getInt(6) != 0) {
                    warnings.add("generated column " + name + "." + rs.getString(1)
                            + " skipped: generated columns are not carried by snapshots");
                    continue;
                }
                rawColumns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                if (rs.getInt(5) > 0) {
                    primaryKey.put(rs.getInt(5), rs.getString(1));
                }
            }
        }
        boolean autoIncrementTable = AUTOINCREMENT.matcher(sql).find();
        List<Column> columns = new ArrayList<>();
        for (String[] raw : rawColumns) {
            boolean rowidAlias = !withoutRowid && primaryKey.size() == 1 && primaryKey.containsValue(raw[0])
                    && raw[1].strip().equalsIgnoreCase("INTEGER");
            ColumnType type = SqliteTypeMapping.portable(raw[1], rowidAlias);
            String nativeDefault = raw[3];
            columns.add(new Column(raw[0], type, raw[2].equals("0"),
                    portableDefault(nativeDefault, type), nativeDefault, rowidAlias && autoIncrementTable));
        }
        List<List<String>> uniqueKeys = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        readIndexes(name, uniqueKeys, indexes);
        Map<String, String> options = new LinkedHashMap<>();
        options.put(OPTION_SQL, sql);
        if (withoutRowid) {
            options.put(OPTION_WITHOUT_ROWID, "true");
        }
        if (strict) {
            options.put(OPTION_STRICT, "true");
        }
        boolean hasAutoIncrement = columns.stream().anyMatch(Column::autoIncrement);
        Long nextValue = hasAutoIncrement && sequence != null ? sequence + 1 : null;
        return new Table(name, columns, new ArrayList<>(primaryKey.values()), uniqueKeys, indexes,
                foreignKeys(name, primaryKey), nextValue, options);
    }

    private void readIndexes(String table, List<List<String>> uniqueKeys, List<Index> indexes) throws SQLException {
        List<String[]> list = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT l.name, l.\"unique\", l.origin, l.partial, s.sql"
                     + " FROM pragma_index_list(" + SqliteSql.string(table) + ", 'main') l"
                     + " LEFT JOIN main.sqlite_schema s ON s.type='index' AND s.name=l.name ORDER BY l.seq DESC")) {
            while (rs.next()) {
                list.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
            }
        }
        for (String[] index : list) {
            String origin = index[2];
            if (origin.equals("pk")) {
                continue;
            }
            List<String> columns = new ArrayList<>();
            boolean expression = false;
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT cid, name FROM pragma_index_xinfo("
                         + SqliteSql.string(index[0]) + ", 'main') WHERE key=1 ORDER BY seqno")) {
                while (rs.next()) {
                    if (rs.getInt(1) == -2) {
                        expression = true;
                    } else {
                        columns.add(rs.getString(2));
                    }
                }
            }
            if (origin.equals("u")) {
                uniqueKeys.add(columns);
                continue;
            }
            String sql = index[4];
            String where = index[3].equals("1") && sql != null ? whereClause(sql) : null;
            indexes.add(new Index(index[0], expression ? List.of() : columns, index[1].equals("1"), where, sql));
        }
    }

    private List<ForeignKey> foreignKeys(String table, TreeMap<Integer, String> ownPrimaryKey) throws SQLException {
        Map<Integer, String[]> heads = new TreeMap<>();
        Map<Integer, List<String>> from = new HashMap<>();
        Map<Integer, List<String>> to = new HashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete"
                     + " FROM pragma_foreign_key_list(" + SqliteSql.string(table) + ", 'main') ORDER BY id, seq")) {
            while (rs.next()) {
                int id = rs.getInt(1);
                heads.putIfAbsent(id, new String[] {rs.getString(2), rs.getString(5), rs.getString(6)});
                from.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(3));
                to.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(4));
            }
        }
        List<ForeignKey> keys = new ArrayList<>();
        for (var entry : heads.entrySet()) {
            String[] head = entry.getValue();
            List<String> referenced = to.get(entry.getKey());
            if (referenced.contains(null)) {
                // "REFERENCES t" without columns means t's primary key
                referenced = head[0].equalsIgnoreCase(table) ? new ArrayList<>(ownPrimaryKey.values())
                        : primaryKeyOf(head[0]);
            }
            keys.add(new ForeignKey(null, from.get(entry.getKey()), head[0], referenced,
                    action(head[2]), action(head[1])));
        }
        return keys;
    }

    private List<String> primaryKeyOf(String table) throws SQLException {
        TreeMap<Integer, String> key = new TreeMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, pk FROM pragma_table_info("
                     + SqliteSql.string(table) + ", 'main') WHERE pk > 0")) {
            while (rs.next()) {
                key.put(rs.getInt(2), rs.getString(1));
            }
        }
        return new ArrayList<>(key.values());
    }

    private static String action(String action) {
        return action == null || action.equalsIgnoreCase("NO ACTION") ? null : action.toUpperCase(Locale.ROOT);
    }

    /** The default as a portable literal when SQLite has a plain number or string literal, else null. */
    static String portableDefault(String expression, ColumnType type) {
        if (expression == null) {
            return null;
        }
        String text = expression.strip();
        if (type.type() == PortableType.BOOLEAN) {
            return switch (text.toUpperCase(Locale.ROOT)) {
                case "1", "TRUE", "'1'", "'TRUE'" -> "true";
                case "0", "FALSE", "'0'", "'FALSE'" -> "false";
                default -> null;
            };
        }
        if (NUMBER.matcher(text).matches()) {
            return text;
        }
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")
                && !text.substring(1, text.length() - 1).replace("''", "").contains("'")) {
            return text.substring(1, text.length() - 1).replace("''", "'");
        }
        return null;
    }

    /** The predicate of a partial index: the text after the WHERE that follows the column list. */
    static String whereClause(String createIndexSql) {
        int depth = 0;
        boolean seenList = false;
        char quote = 0;
        for (int i = 0; i < createIndexSql.length(); i++) {
            char c = createIndexSql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '[') {
                quote = ']';
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    seenList = true;
                }
            } else if (seenList && depth == 0 && createIndexSql.regionMatches(true, i, "WHERE", 0, 5)) {
                return createIndexSql.substring(i + 5).strip();
            }
        }
        return null;
    }
}

package dev.tidemark.dialect.postgres;

import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Index;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the tables of one schema (namespace) from pg_catalog into the portable model. Views,
 * materialized views, foreign tables, triggers and CHECK constraints are not carried; each produces a
 * warning.
 */
final class PostgresSchemaReader {
    /** Table option marking a table read from PostgreSQL, so restores into PostgreSQL use native types. */
    static final String SOURCE_OPTION = "postgresql.source";

    private final Connection connection;
    private final String namespace;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, List<String>> enumTypes = new TreeMap<>();

    PostgresSchemaReader(Connection connection, String namespace) {
        this.connection = connection;
        this.namespace = namespace;
    }

    /** The first existing schema of the connection's search_path. */
    static String currentNamespace(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
            rs.next();
            String schema = rs.getString(1);
            if (schema == null) {
                throw new SQLException("no schema of the search_path exists");
            }
            return schema;
        }
    }

    /** Names of the ordinary and partitioned tables of the schema, sorted. */
    static List<String> tableNames(Connection connection, String namespace) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    Schema read() throws SQLException {
        Map<String, Long> tableOids = new LinkedHashMap<>();
        Map<String, String> nativeObjects = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.oid, c.relname, c.relkind, CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition"
                        + " ORDER BY c.relname")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(2);
                    switch (rs.getString(3)) {
                        case "v" -> {
                            warnings.add("view " + name + " skipped: views are not carried by snapshots");
                            nativeObjects.put("view " + name, "CREATE VIEW " + PostgresDdl.quote(name) + " AS " + rs.getString(4));
                        }
                        case "m" -> {
                            warnings.add("materialized view " + name + " skipped: materialized views are not carried by snapshots");
                            nativeObjects.put("materialized view " + name,
                                    "CREATE MATERIALIZED VIEW " + PostgresDdl.quote(name) + " AS " + rs.getString(4));
                        }
                        case "f" -> warnings.add("foreign table " + name + " skipped: foreign tables are not carried by snapshots");
                        default -> tableOids.put(name, rs.getLong(1));
                    }
                }
            }
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        for (var entry : tableOids.entrySet()) {
            tables.put(entry.getKey(), readTable(entry.getValue(), entry.getKey()));
        }
        return new Schema(dependencyOrder(tables), enumTypes, nativeObjects);
    }

    private Table readTable(long oid, String name) throws SQLException {
        List<Column> columns = new ArrayList<>();
        String autoIncrementSequence = null;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT a.attname, a.attnotnull, a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid),"
                        + " a.atttypid, a.atttypmod, pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname)"
                        + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String columnName = rs.getString(1);
                    String identity = rs.getString(3);
                    String generated = rs.getString(4);
                    String expression = rs.getString(5);
                    String sequence = rs.getString(8);
                    ColumnType type = columnType(rs.getLong(6), rs.getInt(7));
                    boolean identityColumn = identity != null && !identity.isEmpty();
                    boolean serial = !identityColumn && sequence != null && expression != null && expression.startsWith("nextval(");
                    boolean autoIncrement = identityColumn || serial;
                    String nativeDefault = expression;
                    String defaultValue = null;
                    if (identityColumn) {
                        nativeDefault = "a".equals(identity) ? "GENERATED ALWAYS AS IDENTITY" : "GENERATED BY DEFAULT AS IDENTITY";
                    } else if (generated != null && !generated.isEmpty()) {
                        warnings.add(name + "." + columnName + ": generated column carried as a plain column (" + expression + ")");
                        nativeDefault = null;
                    } else if (!serial && expression != null) {
                        defaultValue = PostgresDefaults.portableLiteral(expression, type.type());
                    }
                    if (autoIncrement && autoIncrementSequence == null) {
                        autoIncrementSequence = sequence;
                    }
                    columns.add(new Column(columnName, type, !rs.getBoolean(2), defaultValue, nativeDefault, autoIncrement));
                }
            }
        }
        List<String> primaryKey = List.of();
        List<List<String>> uniqueKeys = new ArrayList<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT con.conname, con.contype,"
                        + " ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)"
                        + "   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),"
                        + " rc.relname,"
                        + " ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)"
                        + "   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord),"
                        + " con.confdeltype, con.confupdtype, rc.relnamespace = con.connamespace, rn.nspname"
                        + " FROM pg_constraint con LEFT JOIN pg_class rc ON rc.oid = con.confrelid"
                        + " LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace"
                        + " WHERE con.conrelid = ? AND con.contype IN ('p', 'u', 'f', 'c', 'x') ORDER BY con.conname")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> keyColumns = strings(rs.getArray(3));
                    switch (rs.getString(2)) {
                        case "p" -> primaryKey = keyColumns;
                        case "u" -> uniqueKeys.add(keyColumns);
                        case "f" -> {
                            if (rs.getBoolean(8)) {
                                foreignKeys.add(new ForeignKey(rs.getString(1), keyColumns, rs.getString(4),
                                        strings(rs.getArray(5)), action(rs.getString(6)), action(rs.getString(7))));
                            } else {
                                warnings.add(name + ": foreign key " + rs.getString(1) + " references " + rs.getString(9)
                                        + "." + rs.getString(4) + " outside the snapshot's schema; not carried");
                            }
                        }
                        case "c" -> warnings.add(name + ": check constraint " + rs.getString(1) + " is not carried by snapshots");
                        default -> warnings.add(name + ": exclusion constraint " + rs.getString(1) + " is not carried by snapshots");
                    }
                }
            }
        }
        List<Index> indexes = readIndexes(oid);
        warnTriggers(oid, name);
        Long nextValue = autoIncrementSequence == null ? null : nextValue(autoIncrementSequence);
        return new Table(name, columns, primaryKey, uniqueKeys, indexes, foreignKeys, nextValue,
                Map.of(SOURCE_OPTION, "true"));
    }

    private ColumnType columnType(long typeOid, int typmod) throws SQLException {
        long current = typeOid;
        int currentMod = typmod;
        // domains are carried as their base type; a domain may be based on another domain
        for (int depth = 0; depth < 16; depth++) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT t.typname, t.typtype, t.typbasetype, t.typtypmod, format_type(t.oid, ?), e.oid, e.typname"
                            + " FROM pg_type t LEFT JOIN pg_type e ON e.oid = t.typelem AND e.typtype = 'e' WHERE t.oid = ?")) {
                ps.setInt(1, currentMod);
                ps.setLong(2, current);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String category = rs.getString(2);
                    if ("d".equals(category)) {
                        current = rs.getLong(3);
                        currentMod = rs.getInt(4);
                        continue;
                    }
                    String typeName = rs.getString(1);
                    String formatted = rs.getString(5);
                    List<String> labels = List.of();
                    if (rs.getString(7) != null) {
                        // an array of an enum: the enum type must exist before a restore can declare the column
                        enumTypes.put(rs.getString(7), enumLabels(rs.getLong(6)));
                    }
                    if ("e".equals(category)) {
                        labels = enumLabels(current);
                        enumTypes.put(typeName, labels);
                        formatted = typeName;
                    }
                    return PostgresTypeMapping.fromNative(typeName, category, currentMod, formatted, labels);
                }
            }
        }
        throw new SQLException("domain nesting too deep for type oid " + typeOid);
    }

    private List<String> enumLabels(long typeOid) throws SQLException {
        List<String> labels = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT enumlabel FROM pg_enum WHERE enumtypid = ? ORDER BY enumsortorder")) {
            ps.setLong(1, typeOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    labels.add(rs.getString(1));
                }
            }
        }
        return labels;
    }

    private List<Index> readIndexes(long oid) throws SQLException {
        List<Index> indexes = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT ic.relname, i.indisunique, pg_get_expr(i.indpred, i.indrelid), pg_get_indexdef(i.indexrelid),"
                        + " am.amname, i.indexprs IS NOT NULL, i.indnatts <> i.indnkeyatts,"
                        + " ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)"
                        + "   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num ORDER BY k.ord)"
                        + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam"
                        + " WHERE i.indrelid = ? AND NOT i.indisprimary"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)"
                        + " ORDER BY ic.relname")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean portable = "btree".equals(rs.getString(5)) && !rs.getBoolean(6) && !rs.getBoolean(7);
                    List<String> columns = portable ? strings(rs.getArray(8)) : List.of();
                    indexes.add(new Index(rs.getString(1), columns, rs.getBoolean(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return indexes;
    }

    private void warnTriggers(long oid, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = ? AND NOT tgisinternal ORDER BY tgname")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    warnings.add("trigger " + rs.getString(1) + " on " + table + " skipped: triggers are not carried by snapshots");
                }
            }
        }
    }

    /** The value the sequence hands out next: last_value + increment once called, else last_value. */
    private Long nextValue(String sequence) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT s.last_value, s.is_called, q.seqincrement FROM " + sequence + " s, pg_sequence q"
                        + " WHERE q.seqrelid = ?::regclass")) {
            ps.setString(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long last = rs.getLong(1);
                return rs.getBoolean(2) ? last + rs.getLong(3) : last;
            }
        }
    }

    private static String action(String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.asList((String[]) array.getArray());
    }

    /** Referenced tables first; cycles (self and mutual references) are broken in name order. */
    static List<Table> dependencyOrder(Map<String, Table> tables) {
        List<Table> ordered = new ArrayList<>();
        Map<String, Boolean> state = new LinkedHashMap<>();
        for (String name : tables.keySet()) {
            visit(name, tables, state, ordered);
        }
        return ordered;
    }

    private static void visit(String name, Map<String, Table> tables, Map<String, Boolean> state, List<Table> ordered) {
        Table table = tables.get(name);
        if (table == null || state.containsKey(name)) {
            return;
        }
        state.put(name, Boolean.FALSE);
        for (ForeignKey fk : table.foreignKeys()) {
            visit(fk.referencedTable(), tables, state, ordered);
        }
        state.put(name, Boolean.TRUE);
        ordered.add(table);
    }
}

package dev.tidemark.dialect.mysql;

import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Index;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import dev.tidemark.schema.TableOrder;
import java.sql.Connection;
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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the schema of the connection's database from information_schema into portable terms, together
 * with how each column must be selected during the export.
 */
final class MysqlSchemaReader {
    /** Marks tables read from MySQL/MariaDB, so restores into MySQL/MariaDB may use native types and SQL. */
    static final String SOURCE_OPTION = "mysql.source";
    /** {@code mysql} or {@code mariadb}: native types and collations only carry over within one flavour. */
    static final String FLAVOUR_OPTION = "mysql.flavour";
    static final String ENGINE_OPTION = "mysql.engine";
    static final String COLLATION_OPTION = "mysql.collation";
    private static final Pattern JSON_CHECK = Pattern.compile("json_valid\\(`((?:[^`]|``)+)`\\)", Pattern.CASE_INSENSITIVE);

    /** The schema plus, per table, the select plan of each column. */
    record Result(Schema schema, Map<String, List<MysqlTypeMapping.ReadPlan>> plans, List<String> warnings) {
    }

    private final Connection connection;
    private final ServerInfo server;
    private final Set<String> lockedTables;
    private final List<String> warnings = new ArrayList<>();

    /** @param lockedTables the tables the snapshot locked, or null to read every table */
    MysqlSchemaReader(Connection connection, ServerInfo server, Set<String> lockedTables) {
        this.connection = connection;
        this.server = server;
        this.lockedTables = lockedTables;
    }

    Result read() throws SQLException {
        if (!server.mariadb()) {
            try (Statement statement = connection.createStatement()) {
                // MySQL 8 caches information_schema.TABLES statistics, AUTO_INCREMENT included
                statement.execute("SET SESSION information_schema_stats_expiry = 0");
            }
        }
        Map<String, Map<String, String>> tableOptions = new LinkedHashMap<>();
        Map<String, Long> nextValues = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT TABLE_NAME, TABLE_TYPE, AUTO_INCREMENT, ENGINE, TABLE_COLLATION"
                     + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY CREATE_TIME, TABLE_NAME")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (!"BASE TABLE".equals(rs.getString(2))) {
                    warnings.add("view " + name + " skipped: views are not carried by snapshots");
                    continue;
                }
                if (MysqlDdl.isStagingName(name)) {
                    warnings.add("table " + name + " skipped: it is left over from an interrupted restore");
                    continue;
                }
                if (lockedTables != null && !lockedTables.contains(name)) {
                    warnings.add("table " + name + " skipped: it was created while the snapshot started");
                    continue;
                }
                Map<String, String> options = new LinkedHashMap<>();
                options.put(SOURCE_OPTION, "true");
                options.put(FLAVOUR_OPTION, server.backend());
                if (rs.getString(4) != null) {
                    options.put(ENGINE_OPTION, rs.getString(4));
                }
                if (rs.getString(5) != null) {
                    options.put(COLLATION_OPTION, rs.getString(5));
                }
                tableOptions.put(name, options);
                long next = rs.getLong(3);
                if (!rs.wasNull()) {
                    nextValues.put(name, next);
                }
            }
        }
        Set<String> jsonColumns = server.mariadb() ? jsonChecks() : Set.of();
        Map<String, List<Column>> columns = new HashMap<>();
        Map<String, List<MysqlTypeMapping.ReadPlan>> plans = new HashMap<>();
        Set<String> autoIncrementTables = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE,"
                     + " CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_SET_NAME,"
                     + " COLLATION_NAME, COLUMN_TYPE, EXTRA FROM information_schema.COLUMNS"
                     + " WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!tableOptions.containsKey(table)) {
                    continue;
                }
                String name = rs.getString(2);
                String dataType = rs.getString(5).toLowerCase(Locale.ROOT);
                ColumnType type = MysqlTypeMapping.portable(dataType, rs.getString(12), longOrNull(rs, 6),
                        intOrNull(rs, 7), intOrNull(rs, 8), intOrNull(rs, 9), rs.getString(10), rs.getString(11),
                        jsonColumns.contains(table + "\u0000" + name));
                String extra = rs.getString(13) == null ? "" : rs.getString(13).toLowerCase(Locale.ROOT);
                boolean autoIncrement = extra.contains("auto_increment");
                if (autoIncrement) {
                    autoIncrementTables.add(table);
                }
                String[] defaults = MysqlDefaults.read(rs.getString(3), extra, type, server.mariadb());
                if (extra.contains("on update")) {
                    tableOptions.get(table).put(MysqlNativeSql.ON_UPDATE_PREFIX + name,
                            extra.substring(extra.indexOf("on update")).strip());
                }
                columns.computeIfAbsent(table, t -> new ArrayList<>()).add(new Column(name, type,
                        "YES".equals(rs.getString(4)), defaults[0], defaults[1], autoIncrement));
                plans.computeIfAbsent(table, t -> new ArrayList<>()).add(MysqlTypeMapping.reading(dataType, type));
            }
        }
        Map<String, List<String>> primaryKeys = new HashMap<>();
        Map<String, List<Index>> indexes = readIndexes(tableOptions.keySet(), primaryKeys);
        Map<String, List<ForeignKey>> foreignKeys = readForeignKeys(tableOptions.keySet());
        List<Table> tables = new ArrayList<>();
        for (var entry : tableOptions.entrySet()) {
            String name = entry.getKey();
            tables.add(new Table(name, columns.getOrDefault(name, List.of()), primaryKeys.get(name), List.of(),
                    indexes.get(name), foreignKeys.get(name),
                    autoIncrementTables.contains(name) ? nextValues.get(name) : null, entry.getValue()));
        }
        return new Result(new Schema(TableOrder.referencedFirst(tables, name -> name)), plans, List.copyOf(warnings));
    }

    /** MariaDB's JSON is longtext with a {@code json_valid(col)} check; returns "table\0column" keys. */
    private Set<String> jsonChecks() throws SQLException {
        Set<String> result = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                     + " WHERE CONSTRAINT_SCHEMA = DATABASE()")) {
            while (rs.next()) {
                var matcher = JSON_CHECK.matcher(rs.getString(2).strip());
                if (matcher.matches()) {
                    result.add(rs.getString(1) + "\u0000" + matcher.group(1).replace("``", "`"));
                }
            }
        }
        return result;
    }

    private Map<String, List<Index>> readIndexes(Set<String> tables, Map<String, List<String>> primaryKeys)
            throws SQLException {
        record Part(String column, Integer subPart) {
        }
        record Key(String table, String name, boolean unique, String type, List<Part> parts) {
        }
        Map<String, Key> keys = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE"
                     + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
                     + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!tables.contains(table)) {
                    continue;
                }
                Key key = keys.computeIfAbsent(table + "\u0000" + rs.getString(2), k -> {
                    try {
                        return new Key(table, rs.getString(2), rs.getInt(3) == 0, rs.getString(6), new ArrayList<>());
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                key.parts().add(new Part(rs.getString(4), intOrNull(rs, 5)));
            }
        }
        Map<String, List<Index>> result = new HashMap<>();
        for (Key key : keys.values()) {
            List<String> columns = key.parts().stream().map(Part::column).toList();
            if (key.name().equals("PRIMARY")) {
                primaryKeys.put(key.table(), columns);
                continue;
            }
            boolean special = "FULLTEXT".equals(key.type()) || "SPATIAL".equals(key.type());
            boolean prefixed = key.parts().stream().anyMatch(p -> p.subPart() != null || p.column() == null);
            String nativeSql = null;
            if (special || prefixed) {
                StringBuilder sql = new StringBuilder("CREATE ");
                sql.append(special ? key.type() + " " : key.unique() ? "UNIQUE " : "");
                sql.append("INDEX ").append(MysqlDdl.quote(key.name())).append(" ON ").append(MysqlDdl.quote(key.table()))
                        .append(" (");
                for (int i = 0; i < key.parts().size(); i++) {
                    Part part = key.parts().get(i);
                    sql.append(i > 0 ? ", " : "").append(MysqlDdl.quote(part.column()));
                    if (part.subPart() != null) {
                        sql.append('(').append(part.subPart()).append(')');
                    }
                }
                nativeSql = sql.append(')').toString();
            }
            result.computeIfAbsent(key.table(), t -> new ArrayList<>()).add(
                    new Index(key.name(), special ? List.of() : columns, key.unique(), null, nativeSql));
        }
        return result;
    }

    private Map<String, List<ForeignKey>> readForeignKeys(Set<String> tables) throws SQLException {
        record Fk(String table, String name, List<String> columns, String referencedSchema, String referencedTable,
                  List<String> referencedColumns, String onUpdate, String onDelete) {
        }
        Map<String, Fk> fks = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME,"
                     + " k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE"
                     + " FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
                     + " ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
                     + " AND r.TABLE_NAME = k.TABLE_NAME"
                     + " WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL"
                     + " ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!tables.contains(table)) {
                    continue;
                }
                String name = rs.getString(2);
                Fk fk = fks.computeIfAbsent(table + "\u0000" + name, k -> new Fk(table, name, new ArrayList<>(),
                        get(rs, 4), get(rs, 5), new ArrayList<>(), get(rs, 7), get(rs, 8)));
                fk.columns().add(rs.getString(3));
                fk.referencedColumns().add(rs.getString(6));
            }
        }
        String database = connection.getCatalog();
        Map<String, List<ForeignKey>> result = new HashMap<>();
        for (Fk fk : fks.values()) {
            if (!fk.referencedSchema().equals(database)) {
                warnings.add("foreign key " + fk.table() + "." + fk.name() + " skipped: it references another database ("
                        + fk.referencedSchema() + ")");
                continue;
            }
            result.computeIfAbsent(fk.table(), t -> new ArrayList<>()).add(new ForeignKey(fk.name(), fk.columns(),
                    fk.referencedTable(), fk.referencedColumns(), fk.onDelete(), fk.onUpdate()));
        }
        return result;
    }

    private static String get(ResultSet rs, int column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : (int) Math.min(value, Integer.MAX_VALUE);
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}

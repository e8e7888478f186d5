package dev.tidemark.dialect.sqlite;

import static dev.tidemark.dialect.sqlite.SqliteSql.quote;

import dev.tidemark.dialect.nativesql.ReferentialAction;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Index;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the SQLite DDL for portable tables. Tables read from SQLite (they carry the
 * {@code sqlite.sql} option) get their declared types, default expressions and indexes back as
 * {@link SqliteNativeSql} reads them in their grammar; tables from other backends get declared types from
 * {@link SqliteTypeMapping#declaredFor}. Unique and foreign keys go into CREATE TABLE because SQLite cannot add
 * constraints later.
 */
final class SqliteDdl {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private SqliteDdl() {
    }

    static boolean fromSqlite(Table table) {
        return table.options().containsKey(SqliteSchemaReader.OPTION_SQL);
    }

    /** CREATE TABLE for {@code table}; lossy mappings are reported to {@code warnings}. */
    static String createTable(Table table, List<String> warnings) {
        boolean nativeTypes = fromSqlite(table);
        Column inlineKey = inlinePrimaryKey(table);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            Column column = table.columns().get(i);
            StringBuilder definition = new StringBuilder(quote(column.name()));
            String declared = declaredType(table, i, column == inlineKey, nativeTypes, warnings);
            if (!declared.isEmpty()) {
                definition.append(' ').append(declared);
            }
            if (column == inlineKey) {
                definition.append(" PRIMARY KEY AUTOINCREMENT");
            }
            if (!column.nullable()) {
                definition.append(" NOT NULL");
            }
            String defaultSql = defaultSql(table, i, nativeTypes, warnings);
            if (defaultSql != null) {
                definition.append(" DEFAULT ").append(defaultSql);
            }
            parts.add(definition.toString());
        }
        if (!table.primaryKey().isEmpty() && inlineKey == null) {
            parts.add("PRIMARY KEY (" + columnList(table.primaryKey()) + ")");
        }
        for (List<String> unique : table.uniqueKeys()) {
            parts.add("UNIQUE (" + columnList(unique) + ")");
        }
        for (int i = 0; i < table.foreignKeys().size(); i++) {
            ForeignKey fk = table.foreignKeys().get(i);
            StringBuilder constraint = new StringBuilder();
            if (fk.name() != null) {
                constraint.append("CONSTRAINT ").append(quote(fk.name())).append(' ');
            }
            constraint.append("FOREIGN KEY (").append(columnList(fk.columns())).append(") REFERENCES ")
                    .append(quote(fk.referencedTable())).append(" (").append(columnList(fk.referencedColumns()))
                    .append(')');
            appendAction(constraint, "ON DELETE", SqliteNativeSql.action(table, i, true));
            appendAction(constraint, "ON UPDATE", SqliteNativeSql.action(table, i, false));
            parts.add(constraint.toString());
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE main.").append(quote(table.name())).append(" (\n  ")
                .append(String.join(",\n  ", parts)).append("\n)");
        List<String> tableOptions = new ArrayList<>();
        if ("true".equals(table.options().get(SqliteSchemaReader.OPTION_WITHOUT_ROWID))) {
            tableOptions.add("WITHOUT ROWID");
        }
        if (nativeTypes && "true".equals(table.options().get(SqliteSchemaReader.OPTION_STRICT))) {
            tableOptions.add("STRICT");
        }
        return sql.append(' ').append(String.join(", ", tableOptions)).toString().strip();
    }

    private static void appendAction(StringBuilder constraint, String clause, ReferentialAction action) {
        if (action != null) {
            constraint.append(' ').append(clause).append(' ').append(action.sql());
        }
    }

    /**
     * CREATE INDEX for index {@code i} of the table, or null when SQLite cannot express it (expressions or a
     * predicate of another backend).
     */
    static String createIndex(Table table, int i) {
        Index index = table.indexes().get(i);
        String name = quote(index.name());
        boolean own = fromSqlite(table);
        if (own && index.nativeSql() != null) {
            return SqliteNativeSql.indexDefinition(table, i).toSql(index.unique(), name, quote(table.name()));
        }
        if (index.columns().isEmpty()) {
            return null;
        }
        String predicate = null;
        if (index.where() != null) {
            predicate = own ? SqliteNativeSql.indexPredicate(table, i) : SqliteNativeSql.foreignIndexPredicate(table, i);
            if (predicate == null) {
                return null;
            }
        }
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX main." + name + " ON "
                + quote(table.name()) + " (" + columnList(index.columns()) + ")"
                + (predicate == null ? "" : " WHERE " + predicate);
    }

    /** The auto-increment column that must be declared inline as INTEGER PRIMARY KEY AUTOINCREMENT, or null. */
    static Column inlinePrimaryKey(Table table) {
        if (table.primaryKey().size() != 1
                || "true".equals(table.options().get(SqliteSchemaReader.OPTION_WITHOUT_ROWID))) {
            return null;
        }
        Column key = table.column(table.primaryKey().get(0));
        PortableType type = key.type().type();
        boolean integer = type == PortableType.SMALLINT || type == PortableType.INTEGER || type == PortableType.BIGINT;
        return key.autoIncrement() && integer ? key : null;
    }

    private static String declaredType(Table table, int i, boolean inlineKey, boolean nativeTypes, List<String> warnings) {
        if (inlineKey) {
            return "INTEGER";
        }
        if (nativeTypes) {
            return SqliteNativeSql.typeName(table, i);
        }
        Column column = table.columns().get(i);
        if (column.type().type() == PortableType.NATIVE) {
            warnings.add("column " + table.name() + "." + column.name() + " of type " + column.type().nativeType()
                    + " has no SQLite equivalent: restored as TEXT");
        }
        return SqliteTypeMapping.declaredFor(column.type());
    }

    private static String defaultSql(Table table, int i, boolean nativeTypes, List<String> warnings) {
        Column column = table.columns().get(i);
        if (nativeTypes) {
            return column.nativeDefault() == null ? null : SqliteNativeSql.defaultExpression(table, i);
        }
        String value = column.defaultValue();
        if (value == null) {
            if (column.nativeDefault() != null && !column.autoIncrement()) {
                warnings.add("default of column " + table.name() + "." + column.name() + " (" + column.nativeDefault()
                        + ") has no portable form: not restored");
            }
            return null;
        }
        PortableType type = column.type().type();
        if (type == PortableType.BOOLEAN) {
            return Boolean.parseBoolean(value) ? "1" : "0";
        }
        boolean numeric = type == PortableType.SMALLINT || type == PortableType.INTEGER || type == PortableType.BIGINT
                || type == PortableType.REAL || type == PortableType.DOUBLE;
        return numeric && NUMBER.matcher(value).matches() ? value : SqliteSql.string(value);
    }

    private static String columnList(List<String> columns) {
        return columns.stream().map(SqliteSql::quote).collect(Collectors.joining(", "));
    }
}

package dev.tidemark.dialect.sqlite;

import static dev.tidemark.dialect.sqlite.SqliteSql.quote;

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
 * {@code sqlite.sql} option) get their declared types and default expressions back verbatim; tables
 * from other backends get declared types from {@link SqliteTypeMapping#declaredFor}. Unique and foreign
 * keys go into CREATE TABLE because SQLite cannot add constraints later.
 */
final class SqliteDdl {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private static final Pattern SIMPLE_DEFAULT = Pattern.compile(
            "(?is)[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|'([^']|'')*'|x'[0-9a-f]*'|null|true|false"
                    + "|current_time|current_date|current_timestamp|\\(.*\\)");

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
        for (Column column : table.columns()) {
            StringBuilder definition = new StringBuilder(quote(column.name()));
            String declared = declaredType(table, column, column == inlineKey, nativeTypes, warnings);
            if (!declared.isEmpty()) {
                definition.append(' ').append(declared);
            }
            if (column == inlineKey) {
                definition.append(" PRIMARY KEY AUTOINCREMENT");
            }
            if (!column.nullable()) {
                definition.append(" NOT NULL");
            }
            String defaultSql = defaultSql(table, column, nativeTypes, warnings);
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
        for (ForeignKey fk : table.foreignKeys()) {
            StringBuilder constraint = new StringBuilder();
            if (fk.name() != null) {
                constraint.append("CONSTRAINT ").append(quote(fk.name())).append(' ');
            }
            constraint.append("FOREIGN KEY (").append(columnList(fk.columns())).append(") REFERENCES ")
                    .append(quote(fk.referencedTable())).append(" (").append(columnList(fk.referencedColumns()))
                    .append(')');
            if (fk.onDelete() != null) {
                constraint.append(" ON DELETE ").append(fk.onDelete());
            }
            if (fk.onUpdate() != null) {
                constraint.append(" ON UPDATE ").append(fk.onUpdate());
            }
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

    /**
     * CREATE INDEX for {@code index}, or null when it cannot be expressed (an expression index from
     * another backend).
     */
    static String createIndex(Table table, Index index) {
        if (fromSqlite(table) && index.nativeSql() != null) {
            return index.nativeSql();
        }
        if (index.columns().isEmpty()) {
            return null;
        }
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX main." + quote(index.name()) + " ON "
                + quote(table.name()) + " (" + columnList(index.columns()) + ")"
                + (index.where() == null ? "" : " WHERE " + index.where());
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

    private static String declaredType(Table table, Column column, boolean inlineKey, boolean nativeTypes,
                                       List<String> warnings) {
        if (inlineKey) {
            return "INTEGER";
        }
        if (nativeTypes) {
            return column.type().nativeType() == null ? "" : column.type().nativeType();
        }
        if (column.type().type() == PortableType.NATIVE) {
            warnings.add("column " + table.name() + "." + column.name() + " of type " + column.type().nativeType()
                    + " has no SQLite equivalent: restored as TEXT");
        }
        return SqliteTypeMapping.declaredFor(column.type());
    }

    private static String defaultSql(Table table, Column column, boolean nativeTypes, List<String> warnings) {
        if (nativeTypes) {
            String expression = column.nativeDefault();
            // SQLite reports "DEFAULT (expr)" without the parentheses it requires around expressions
            return expression == null || SIMPLE_DEFAULT.matcher(expression.strip()).matches() ? expression
                    : "(" + expression + ")";
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

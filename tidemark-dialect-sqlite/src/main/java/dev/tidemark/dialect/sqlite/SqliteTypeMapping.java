package dev.tidemark.dialect.sqlite;

import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps SQLite declared column types to portable types and back (docs/TYPES.md, "SQLite mapping").
 * SQLite accepts any text as a declared type; the mapping looks at well-known type names first and
 * falls back to SQLite's affinity rules, so {@code UNSIGNED BIG INT} is still an integer.
 */
final class SqliteTypeMapping {
    private static final Pattern DECLARED = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_ ]*?)\\s*(?:\\(\\s*([+-]?\\d+)\\s*(?:,\\s*([+-]?\\d+)\\s*)?\\))?\\s*");

    private SqliteTypeMapping() {
    }

    /**
     * The portable type of a column declared as {@code declaredType}.
     *
     * @param rowidAlias whether the column is an INTEGER PRIMARY KEY (an alias of the 64-bit rowid)
     */
    static ColumnType portable(String declaredType, boolean rowidAlias) {
        String declared = declaredType == null ? "" : declaredType.strip();
        if (rowidAlias) {
            return ColumnType.of(PortableType.BIGINT, declared);
        }
        if (declared.isEmpty()) {
            return ColumnType.of(PortableType.BINARY, declared);
        }
        Matcher m = DECLARED.matcher(declared);
        String name = declared.toUpperCase(Locale.ROOT);
        Integer first = null;
        Integer second = null;
        if (m.matches()) {
            name = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            first = m.group(2) == null ? null : Integer.valueOf(m.group(2));
            second = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        }
        PortableType named = byName(name);
        if (named == null) {
            named = byAffinity(SqliteAffinity.of(declared));
        }
        ColumnType type = ColumnType.of(named, declared);
        return switch (named) {
            case CHAR, VARCHAR, BINARY -> first == null ? type : type.withLength(first);
            case DECIMAL -> type.withPrecisionScale(first, second);
            case TIME, TIMESTAMP, TIMESTAMPTZ -> type.withPrecisionScale(first, null);
            default -> type;
        };
    }

    private static PortableType byName(String name) {
        if (name.contains("WITH TIME ZONE") || name.equals("TIMESTAMPTZ") || name.equals("DATETIMETZ")) {
            return PortableType.TIMESTAMPTZ;
        }
        if (name.startsWith("TIMESTAMP") || name.equals("DATETIME")) {
            return PortableType.TIMESTAMP;
        }
        if (name.startsWith("DECIMAL") || name.startsWith("NUMERIC")) {
            return PortableType.DECIMAL;
        }
        return switch (name) {
            case "DATE" -> PortableType.DATE;
            case "TIME", "TIME WITHOUT TIME ZONE" -> PortableType.TIME;
            case "BOOLEAN", "BOOL" -> PortableType.BOOLEAN;
            case "TINYINT", "SMALLINT", "INT2" -> PortableType.SMALLINT;
            case "INT", "INTEGER", "MEDIUMINT", "INT4" -> PortableType.INTEGER;
            case "BIGINT", "INT8", "UNSIGNED BIG INT" -> PortableType.BIGINT;
            case "REAL", "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT4", "FLOAT8" -> PortableType.DOUBLE;
            case "CHARACTER", "CHAR", "NCHAR", "NATIVE CHARACTER" -> PortableType.CHAR;
            case "VARCHAR", "CHARACTER VARYING", "VARYING CHARACTER", "NVARCHAR" -> PortableType.VARCHAR;
            case "TEXT", "CLOB" -> PortableType.TEXT;
            // ANY (STRICT tables) keeps every value as given, like a column without a declared type
            case "BLOB", "ANY" -> PortableType.BINARY;
            case "JSON", "JSONB" -> PortableType.JSON;
            case "UUID" -> PortableType.UUID;
            default -> null;
        };
    }

    private static PortableType byAffinity(SqliteAffinity affinity) {
        return switch (affinity) {
            case INTEGER -> PortableType.BIGINT;
            case TEXT -> PortableType.TEXT;
            case BLOB -> PortableType.BINARY;
            case REAL -> PortableType.DOUBLE;
            case NUMERIC -> PortableType.NATIVE;
        };
    }

    /**
     * The declared type a column of another backend gets in SQLite. DECIMAL becomes
     * {@code DECIMAL TEXT(p,s)}: the word TEXT gives the column TEXT affinity, so SQLite keeps every
     * digit instead of rounding the value to a binary64 REAL.
     */
    static String declaredFor(ColumnType type) {
        return switch (type.type()) {
            case BOOLEAN -> "BOOLEAN";
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case DECIMAL -> "DECIMAL TEXT" + facets(type.precision(), type.scale());
            case REAL -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case CHAR -> "CHAR" + facets(type.length(), null);
            case VARCHAR -> "VARCHAR" + facets(type.length(), null);
            case TEXT, ENUM, NATIVE -> "TEXT";
            case BINARY -> "BLOB";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
            case JSON -> "JSON";
            case UUID -> "UUID";
        };
    }

    private static String facets(Integer first, Integer second) {
        if (first == null) {
            return "";
        }
        return second == null ? "(" + first + ")" : "(" + first + "," + second + ")";
    }

    /**
     * An SQL condition that is true for a value of {@code column} that the column's canonical text form
     * cannot carry with its storage class intact; such columns are exported as {@link SqliteLiteral}s.
     * The condition is NULL or false for every fitting value, NULL included.
     *
     * <p>It runs on every row of the table, so it is written for speed. Where SQLite's order of storage
     * classes (NULL &lt; INTEGER and REAL &lt; TEXT &lt; BLOB) tells the fitting classes apart, it compares
     * instead of calling typeof(); otherwise it lists the storage classes that do not fit rather than those
     * that do, because SQLite evaluates a short positive IN list of typeof() results about a third faster.
     * Comparisons use the BINARY collation: a column may be declared with a collation this connection
     * does not know.
     */
    static String misfitCondition(String quotedColumn, ColumnType type) {
        String q = quotedColumn;
        String binary = q + " COLLATE BINARY";
        SqliteAffinity affinity = SqliteAffinity.of(type.nativeType());
        String numberOrBlob = "(" + binary + " < '' OR " + binary + " >= x'')";
        return switch (type.type()) {
            case SMALLINT, INTEGER, BIGINT -> storageClassIn(q, "real", "text", "blob");
            // exactly the integers 0 and 1
            case BOOLEAN -> storageClassIn(q, "real", "text", "blob") + " OR " + binary + " NOT IN (0,1)";
            // an INTEGER, or a REAL whose shortest decimal form parses back to the same binary64 value:
            // every REAL but the infinities (SQLite stores NaN as NULL)
            case DECIMAL -> affinity.convertsNumericText()
                    ? binary + " >= '' OR " + binary + " IN (1e999,-1e999)"
                    : numberOrBlob;
            case REAL, DOUBLE -> storageClassIn(q, "integer", "text", "blob");
            case BINARY -> storageClassIn(q, "integer", "real", "text");
            case JSON -> storageClassIn(q, "real", "blob");
            case NATIVE -> affinity == SqliteAffinity.INTEGER || affinity == SqliteAffinity.NUMERIC
                    ? storageClassIn(q, "real", "blob") : numberOrBlob;
            default -> numberOrBlob;
        };
    }

    /**
     * Whether every value that fits the column ({@link #misfitCondition} false or NULL) is NULL, TEXT or an
     * INTEGER, so that SQLite's own text form of it is its canonical text. (BOOLEAN holds INTEGERs too,
     * but its canonical text is {@code true}/{@code false}.)
     */
    static boolean holdsTextOrInteger(ColumnType type) {
        return switch (type.type()) {
            case SMALLINT, INTEGER, BIGINT, JSON, NATIVE -> true;
            case BOOLEAN, REAL, DOUBLE, BINARY -> false;
            case DECIMAL -> !SqliteAffinity.of(type.nativeType()).convertsNumericText();
            default -> true;
        };
    }

    private static String storageClassIn(String quotedColumn, String... storageClasses) {
        return "typeof(" + quotedColumn + ") IN ('" + String.join("','", storageClasses) + "')";
    }
}

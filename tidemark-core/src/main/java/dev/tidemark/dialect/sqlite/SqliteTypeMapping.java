package dev.tidemark.dialect.sqlite;

import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import java.util.List;
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
     */
    static String misfitCondition(String quotedColumn, ColumnType type) {
        String q = quotedColumn;
        SqliteAffinity affinity = SqliteAffinity.of(type.nativeType());
        List<String> fitting = switch (type.type()) {
            case SMALLINT, INTEGER, BIGINT -> List.of("integer");
            case BOOLEAN -> null;
            case DECIMAL -> affinity.convertsNumericText() ? null : List.of("text");
            case REAL, DOUBLE -> List.of("real");
            case BINARY -> List.of("blob");
            case JSON -> List.of("text", "integer");
            case NATIVE -> affinity == SqliteAffinity.INTEGER || affinity == SqliteAffinity.NUMERIC
                    ? List.of("text", "integer") : List.of("text");
            default -> List.of("text");
        };
        if (type.type() == PortableType.BOOLEAN) {
            return "NOT (" + q + " IS NULL OR (typeof(" + q + ")='integer' AND " + q + " IN (0,1)))";
        }
        if (fitting == null) {
            // a REAL whose shortest decimal form parses back to the same binary64 value; infinities have none
            return "NOT (typeof(" + q + ") IN ('null','integer') OR (typeof(" + q + ")='real' AND abs(" + q
                    + ") < 1e999))";
        }
        return "typeof(" + q + ") NOT IN ('null','" + String.join("','", fitting) + "')";
    }
}

package dev.tidemark.dialect.mysql;

import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps MySQL/MariaDB column types to portable types and says how each is selected during a snapshot;
 * also the LOAD DATA expressions for native types. The restore direction is {@link MysqlTargetTypes};
 * docs/types-mysql.md documents both.
 */
final class MysqlTypeMapping {
    /** Longest VARCHAR Tidemark declares; longer or unbounded strings become LONGTEXT. */
    static final int MAX_VARCHAR = 16383;
    /** utf8mb4 characters that fit InnoDB's 3072-byte key limit. */
    static final int MAX_KEY_CHARS = 768;
    static final int MAX_KEY_BYTES = 3072;

    private MysqlTypeMapping() {
    }

    /**
     * How a column is read.
     *
     * @param selectTemplate select-list template with {@code %s} for the quoted column, or null for the column itself
     * @param kind           how the selected value becomes canonical text
     */
    record ReadPlan(String selectTemplate, ValueKind kind) {
        String select(String quotedColumn) {
            return selectTemplate == null ? quotedColumn : selectTemplate.formatted(quotedColumn);
        }
    }

    /**
     * The portable type of a source column.
     *
     * @param dataType   information_schema.COLUMNS.DATA_TYPE in lower case
     * @param columnType information_schema.COLUMNS.COLUMN_TYPE, e.g. {@code int(10) unsigned}
     * @param json       whether a {@code json_valid(col)} check makes this (MariaDB) longtext a JSON column
     */
    static ColumnType portable(String dataType, String columnType, Long charLength, Integer precision, Integer scale,
                               Integer fractionDigits, String charset, String collation, boolean json) {
        String lower = columnType.toLowerCase(Locale.ROOT);
        boolean unsigned = lower.contains("unsigned");
        String nativeType = charset == null ? columnType
                : columnType + " CHARACTER SET " + charset + " COLLATE " + collation;
        Integer length = charLength == null || charLength > Integer.MAX_VALUE ? null : charLength.intValue();
        if (json) {
            return ColumnType.of(PortableType.JSON, "json");
        }
        return switch (dataType) {
            case "tinyint" -> lower.equals("tinyint(1)")
                    ? ColumnType.of(PortableType.BOOLEAN, columnType)
                    : integer(PortableType.SMALLINT, unsigned, columnType);
            case "smallint" -> integer(unsigned ? PortableType.INTEGER : PortableType.SMALLINT, unsigned, columnType);
            case "mediumint" -> integer(PortableType.INTEGER, unsigned, columnType);
            case "int", "integer" -> integer(unsigned ? PortableType.BIGINT : PortableType.INTEGER, unsigned, columnType);
            case "bigint" -> integer(PortableType.BIGINT, unsigned, columnType);
            case "decimal", "numeric" -> ColumnType.of(PortableType.DECIMAL, columnType).withPrecisionScale(precision, scale);
            case "float" -> ColumnType.of(PortableType.REAL, columnType);
            case "double", "real" -> ColumnType.of(PortableType.DOUBLE, columnType);
            case "char" -> ColumnType.of(PortableType.CHAR, nativeType).withLength(length);
            case "varchar" -> ColumnType.of(PortableType.VARCHAR, nativeType).withLength(length);
            case "tinytext", "text", "mediumtext", "longtext" -> ColumnType.of(PortableType.TEXT, nativeType);
            case "binary", "varbinary" -> ColumnType.of(PortableType.BINARY, columnType).withLength(length);
            case "tinyblob", "blob", "mediumblob", "longblob" -> ColumnType.of(PortableType.BINARY, columnType);
            case "date" -> ColumnType.of(PortableType.DATE, columnType);
            case "time" -> ColumnType.of(PortableType.TIME, columnType).withPrecisionScale(fractionDigits, null);
            case "datetime" -> ColumnType.of(PortableType.TIMESTAMP, columnType).withPrecisionScale(fractionDigits, null);
            case "timestamp" -> ColumnType.of(PortableType.TIMESTAMPTZ, columnType).withPrecisionScale(fractionDigits, null);
            case "year" -> ColumnType.of(PortableType.SMALLINT, columnType);
            case "json" -> ColumnType.of(PortableType.JSON, columnType);
            case "uuid" -> ColumnType.of(PortableType.UUID, columnType);
            case "enum" -> new ColumnType(PortableType.ENUM, null, null, null, false, enumLabels(columnType), nativeType);
            default -> ColumnType.of(PortableType.NATIVE, nativeType);
        };
    }

    /** How a source column is selected and converted. */
    static ReadPlan reading(String dataType, ColumnType type) {
        return switch (type.type()) {
            case BOOLEAN -> new ReadPlan(null, ValueKind.BOOLEAN);
            case DECIMAL -> new ReadPlan(null, ValueKind.DECIMAL);
            case REAL -> new ReadPlan(null, ValueKind.FLOAT);
            case DOUBLE -> new ReadPlan(null, ValueKind.DOUBLE);
            case BINARY -> new ReadPlan(null, ValueKind.BYTES);
            case DATE, TIME, TIMESTAMP -> new ReadPlan("CAST(%s AS CHAR)", ValueKind.TEMPORAL);
            case TIMESTAMPTZ -> new ReadPlan("CAST(%s AS CHAR)", ValueKind.INSTANT);
            case UUID -> new ReadPlan("CAST(%s AS CHAR)", ValueKind.UUID);
            default -> switch (dataType) {
                case "tinyint", "smallint", "mediumint", "int", "integer" -> new ReadPlan(null, ValueKind.INTEGER);
                case "bigint" -> new ReadPlan(null, type.unsigned() ? ValueKind.STRING : ValueKind.INTEGER);
                case "year", "bit" -> new ReadPlan("%s + 0", ValueKind.STRING);
                case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                        "geometrycollection" -> new ReadPlan("ST_AsText(%s)", ValueKind.STRING);
                default -> new ReadPlan(null, ValueKind.STRING);
            };
        };
    }

    /**
     * The expression a LOAD DATA {@code SET} clause uses to turn the file's text {@code @var} into a value
     * of a column restored with its own MySQL type, or null when the text loads directly.
     */
    static String loadExpression(String declaredType, String variable) {
        String t = declaredType.toLowerCase(Locale.ROOT);
        if (t.startsWith("bit") || t.startsWith("year")) {
            // bit needs a number, not its digits as text; year reads the text '0' as 2000 but the number 0 as 0000
            return "CAST(" + variable + " AS UNSIGNED)";
        }
        if (t.startsWith("binary") || t.startsWith("varbinary") || t.endsWith("blob")) {
            return "UNHEX(" + variable + ")";
        }
        if (isSpatial(t)) {
            return "ST_GeomFromText(" + variable + ")";
        }
        return null;
    }

    static boolean isSpatial(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        for (String spatial : List.of("geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
                "multipolygon", "geometrycollection")) {
            if (t.equals(spatial) || t.startsWith(spatial + " ")) {
                return true;
            }
        }
        return false;
    }

    private static ColumnType integer(PortableType portable, boolean unsigned, String columnType) {
        return new ColumnType(portable, null, null, null, unsigned, List.of(), columnType);
    }

    /** Labels of {@code enum('a','it''s','back\\slash')}: the server doubles quotes and escapes backslashes. */
    static List<String> enumLabels(String columnType) {
        List<String> labels = new ArrayList<>();
        int open = columnType.indexOf('(');
        int close = columnType.lastIndexOf(')');
        String body = columnType.substring(open + 1, close);
        StringBuilder current = null;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (current == null) {
                if (c == '\'') {
                    current = new StringBuilder();
                }
            } else if (c == '\\' && i + 1 < body.length()) {
                current.append(body.charAt(++i));
            } else if (c == '\'') {
                if (i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                    current.append('\'');
                    i++;
                } else {
                    labels.add(current.toString());
                    current = null;
                }
            } else {
                current.append(c);
            }
        }
        return labels;
    }
}

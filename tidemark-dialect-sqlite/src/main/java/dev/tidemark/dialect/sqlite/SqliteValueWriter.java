package dev.tidemark.dialect.sqlite;

import dev.tidemark.schema.Column;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Table;
import dev.tidemark.types.CanonicalText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads values from SQLite and turns them into canonical text, by storage class and the column's portable
 * type. Where {@link SqliteValueScan} has made sure which storage classes a column holds, one driver call
 * per value fetches it: an INTEGER as a long (asking about NULL only when it reads 0), TEXT, or a mix of
 * TEXT and INTEGER, as the UTF-8 bytes of SQLite's own text form, which then already is the canonical text. Other columns
 * ask the driver for the storage class first (the Java type it returns: Integer/Long, Double, String,
 * byte[]).
 */
final class SqliteValueWriter {
    private enum Kind { INTEGER, BOOLEAN, TEXT_FORM, LITERAL, DECIMAL, OTHER }

    private final Table table;
    private final Kind[] kinds;
    private final Predicate<String>[] canonicalChecks;
    private final boolean[] warned;
    private final List<String> warnings;

    @SuppressWarnings({"unchecked", "rawtypes"})
    SqliteValueWriter(Table table, List<String> warnings) {
        this.table = table;
        this.warnings = warnings;
        List<Column> columns = table.columns();
        kinds = new Kind[columns.size()];
        canonicalChecks = new Predicate[columns.size()];
        warned = new boolean[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            PortableType type = column.type().type();
            kinds[i] = "true".equals(table.options().get(SqliteSchemaReader.OPTION_LITERAL_PREFIX + column.name()))
                    ? Kind.LITERAL
                    : type == PortableType.SMALLINT || type == PortableType.INTEGER || type == PortableType.BIGINT
                    ? Kind.INTEGER
                    : type == PortableType.BOOLEAN ? Kind.BOOLEAN
                    : SqliteTypeMapping.holdsTextOrInteger(column.type()) ? Kind.TEXT_FORM
                    : type == PortableType.DECIMAL ? Kind.DECIMAL : Kind.OTHER;
            canonicalChecks[i] = switch (type) {
                case DATE -> CanonicalText::isCanonicalDate;
                case TIME -> CanonicalText::isCanonicalTime;
                case TIMESTAMP -> CanonicalText::isCanonicalTimestamp;
                case TIMESTAMPTZ -> CanonicalText::isCanonicalTimestampTz;
                default -> null;
            };
        }
    }

    /**
     * The canonical text of column {@code index} (0-based) of the current row of {@code values}, which
     * selects the table's columns in order; null for NULL.
     */
    String read(ResultSet values, int index) throws SQLException {
        return switch (kinds[index]) {
            case INTEGER -> {
                long number = values.getLong(index + 1);
                yield isNull(values, number) ? null : Long.toString(number);
            }
            // the scan let through only the INTEGERs 0 and 1
            case BOOLEAN -> {
                long number = values.getLong(index + 1);
                yield isNull(values, number) ? null : CanonicalText.bool(number != 0);
            }
            // NULL comes back as null, an INTEGER as its decimal digits. The driver's getString decodes
            // through a CharsetDecoder; the same UTF-8 bytes through the String constructor give the same
            // text (malformed bytes included, each replaced alike) in about two thirds of the time
            case TEXT_FORM -> {
                byte[] utf8 = values.getBytes(index + 1);
                yield text(index, utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8));
            }
            default -> format(index, values.getObject(index + 1));
        };
    }

    /** The driver reads NULL as 0; only then is a second call needed to tell the two apart. */
    private static boolean isNull(ResultSet values, long number) throws SQLException {
        return number == 0 && values.wasNull();
    }

    /** The canonical text of {@code value} read from column {@code index}, or null for NULL. */
    private String format(int index, Object value) {
        if (value == null) {
            return null;
        }
        Kind kind = kinds[index];
        if (kind == Kind.LITERAL) {
            return SqliteLiteral.of(value);
        }
        if (value instanceof String text) {
            return text(index, text);
        }
        if (value instanceof Integer || value instanceof Long) {
            long number = ((Number) value).longValue();
            return kind == Kind.BOOLEAN ? CanonicalText.bool(number != 0) : Long.toString(number);
        }
        if (value instanceof Double d) {
            if (kind == Kind.DECIMAL) {
                return decimal(d);
            }
            return CanonicalText.doubleValue(d);
        }
        if (value instanceof byte[] bytes) {
            return CanonicalText.binary(bytes);
        }
        throw new IllegalStateException("unexpected value of " + value.getClass() + " from SQLite");
    }

    private String text(int index, String text) {
        if (text != null && canonicalChecks[index] != null && !warned[index] && !canonicalChecks[index].test(text)) {
            warned[index] = true;
            warnings.add("column " + table.name() + "." + table.columns().get(index).name()
                    + " holds values not in canonical " + table.columns().get(index).type().type()
                    + " form (e.g. '" + abbreviate(text) + "'): carried as stored");
        }
        return text;
    }

    /** The shortest decimal that reads back as the same binary64 value, written out without exponent. */
    private static String decimal(double value) {
        String shortest = Double.toString(value);
        if (shortest.indexOf('E') < 0) {
            // "12.5" stays, "100.0" becomes "100"
            return shortest.endsWith(".0") ? shortest.substring(0, shortest.length() - 2) : shortest;
        }
        return CanonicalText.decimal(new BigDecimal(shortest).stripTrailingZeros());
    }

    private static String abbreviate(String text) {
        return text.length() <= 30 ? text : text.substring(0, 30) + "…";
    }
}

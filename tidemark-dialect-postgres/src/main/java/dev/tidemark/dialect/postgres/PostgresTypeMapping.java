package dev.tidemark.dialect.postgres;

import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import java.util.List;
import java.util.function.Consumer;

/** Maps PostgreSQL column types to portable types and back. */
final class PostgresTypeMapping {
    /** PostgreSQL keeps at most microseconds. */
    static final int MAX_FRACTION_DIGITS = 6;
    /** numeric's declared precision limit. */
    static final int MAX_NUMERIC_PRECISION = 1000;

    private PostgresTypeMapping() {
    }

    /**
     * The portable type of a column whose (domain-resolved) base type is {@code typeName}.
     *
     * @param typeName   pg_type.typname of the base type, e.g. {@code int4}, {@code bpchar}
     * @param typeCategory pg_type.typtype: {@code b} base, {@code e} enum, ...
     * @param typmod     the type modifier (-1 when none)
     * @param formatted  format_type(type, typmod), recorded as the native type
     * @param enumLabels labels when the type is an enum
     */
    static ColumnType fromNative(String typeName, String typeCategory, int typmod, String formatted, List<String> enumLabels) {
        if ("e".equals(typeCategory)) {
            return new ColumnType(PortableType.ENUM, null, null, null, false, enumLabels, formatted);
        }
        switch (typeName) {
            case "int2":
                return ColumnType.of(PortableType.SMALLINT, formatted);
            case "int4":
                return ColumnType.of(PortableType.INTEGER, formatted);
            case "int8":
                return ColumnType.of(PortableType.BIGINT, formatted);
            case "numeric":
                if (typmod < 0) {
                    return ColumnType.of(PortableType.DECIMAL, formatted);
                }
                int precision = ((typmod - 4) >> 16) & 0xffff;
                int scale = (short) ((typmod - 4) & 0xffff);
                return ColumnType.of(PortableType.DECIMAL, formatted).withPrecisionScale(precision, scale);
            case "float4":
                return ColumnType.of(PortableType.REAL, formatted);
            case "float8":
                return ColumnType.of(PortableType.DOUBLE, formatted);
            case "bool":
                return ColumnType.of(PortableType.BOOLEAN, formatted);
            case "text":
                return ColumnType.of(PortableType.TEXT, formatted);
            case "varchar":
                return ColumnType.of(PortableType.VARCHAR, formatted).withLength(typmod < 0 ? null : typmod - 4);
            case "bpchar":
                return ColumnType.of(PortableType.CHAR, formatted).withLength(typmod < 0 ? null : typmod - 4);
            case "bytea":
                return ColumnType.of(PortableType.BINARY, formatted);
            case "date":
                return ColumnType.of(PortableType.DATE, formatted);
            case "time":
                return fractional(PortableType.TIME, typmod, formatted);
            case "timestamp":
                return fractional(PortableType.TIMESTAMP, typmod, formatted);
            case "timestamptz":
                return fractional(PortableType.TIMESTAMPTZ, typmod, formatted);
            case "json":
            case "jsonb":
                return ColumnType.of(PortableType.JSON, formatted);
            case "uuid":
                return ColumnType.of(PortableType.UUID, formatted);
            default:
                return ColumnType.of(PortableType.NATIVE, formatted);
        }
    }

    private static ColumnType fractional(PortableType type, int typmod, String formatted) {
        return ColumnType.of(type, formatted).withPrecisionScale(typmod < 0 ? null : typmod, null);
    }

    /**
     * The column type to declare in a restore.
     *
     * @param nativeType the column's own type as {@link PostgresNativeSql#typeName} read it, when the schema was
     *                   read from PostgreSQL and the column is no ENUM; then it is used as is. Null otherwise
     * @param enumType   the quoted enum type name to use for ENUM columns
     * @param warn       receives a warning for every lossy mapping; {@code where} names table.column
     */
    static String toNative(ColumnType type, String nativeType, String enumType, String where, Consumer<String> warn) {
        if (nativeType != null) {
            return nativeType;
        }
        switch (type.type()) {
            case BOOLEAN:
                return "boolean";
            case SMALLINT:
                return type.unsigned() ? "integer" : "smallint";
            case INTEGER:
                return type.unsigned() ? "bigint" : "integer";
            case BIGINT:
                return type.unsigned() ? "numeric(20,0)" : "bigint";
            case DECIMAL:
                return decimal(type, where, warn);
            case REAL:
                return "real";
            case DOUBLE:
                return "double precision";
            case CHAR:
                return type.length() == null ? "char(1)" : "char(" + type.length() + ")";
            case VARCHAR:
                return type.length() == null ? "varchar" : "varchar(" + type.length() + ")";
            case TEXT:
                return "text";
            case BINARY:
                return "bytea";
            case DATE:
                return "date";
            case TIME:
                return "time" + fraction(type, where, warn);
            case TIMESTAMP:
                return "timestamp" + fraction(type, where, warn);
            case TIMESTAMPTZ:
                return "timestamptz" + fraction(type, where, warn);
            case JSON:
                return "jsonb";
            case UUID:
                return "uuid";
            case ENUM:
                return enumType;
            case NATIVE:
            default:
                warn.accept(where + ": type " + type.nativeType() + " has no PostgreSQL equivalent; restored as text");
                return "text";
        }
    }

    private static String decimal(ColumnType type, String where, Consumer<String> warn) {
        Integer precision = type.precision();
        Integer scale = type.scale();
        if (precision == null || precision < 1) {
            return "numeric";
        }
        if (precision > MAX_NUMERIC_PRECISION) {
            warn.accept(where + ": decimal(" + precision + "," + scale + ") exceeds PostgreSQL's precision limit; "
                    + "restored as unconstrained numeric");
            return "numeric";
        }
        return "numeric(" + precision + "," + (scale == null ? 0 : scale) + ")";
    }

    private static String fraction(ColumnType type, String where, Consumer<String> warn) {
        Integer precision = type.precision();
        if (precision == null) {
            return "";
        }
        if (precision > MAX_FRACTION_DIGITS) {
            warn.accept(where + ": " + precision + " fractional-second digits exceed PostgreSQL's microseconds;"
                    + " values are rounded to 6 digits");
            return "(" + MAX_FRACTION_DIGITS + ")";
        }
        return "(" + precision + ")";
    }
}

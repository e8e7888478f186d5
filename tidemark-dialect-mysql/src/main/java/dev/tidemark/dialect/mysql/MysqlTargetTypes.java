package dev.tidemark.dialect.mysql;

import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Table;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Chooses the MySQL/MariaDB type of each restored column, with a warning for every lossy choice. */
final class MysqlTargetTypes {
    private final ServerInfo server;
    private final List<String> warnings;

    MysqlTargetTypes(ServerInfo server, List<String> warnings) {
        this.server = server;
        this.warnings = warnings;
    }

    /**
     * The column type and load conversion of column {@code i} of {@code table}, which belongs to a key when
     * {@code keyed}; native types and defaults of a table read from the same flavour ({@code fromMysql}) as
     * {@link MysqlNativeSql} reads them.
     */
    TargetColumn column(Table table, int i, boolean fromMysql, boolean keyed, boolean autoIncrement) {
        Column column = table.columns().get(i);
        ColumnType type = column.type();
        String where = table.name() + "." + column.name();
        String sqlType = fromMysql && type.nativeType() != null ? nativeType(where, table, i) : portableType(where, type, keyed);
        LoadKind kind = loadKind(type.type(), sqlType);
        String loadExpression = MysqlTypeMapping.loadExpression(sqlType, "%s");
        StringBuilder definition = new StringBuilder(sqlType);
        definition.append(column.nullable() && !autoIncrement ? " NULL" : " NOT NULL");
        String defaultSql = defaultSql(where, table, i, fromMysql, sqlType);
        if (defaultSql != null && !autoIncrement) {
            definition.append(" DEFAULT ").append(defaultSql);
        }
        if (autoIncrement) {
            definition.append(" AUTO_INCREMENT");
        }
        return new TargetColumn(column.name(), definition.toString(), kind, loadExpression);
    }

    private String nativeType(String where, Table table, int i) {
        String nativeType = MysqlNativeSql.typeName(table, i);
        if (nativeType.equalsIgnoreCase("uuid") && !server.hasUuidType()) {
            warnings.add(where + ": uuid restored as char(36), this server has no UUID type");
            return "char(36) CHARACTER SET ascii COLLATE ascii_general_ci";
        }
        return nativeType;
    }

    private String portableType(String where, ColumnType type, boolean keyed) {
        Integer length = type.length();
        return switch (type.type()) {
            case BOOLEAN -> "tinyint(1)";
            case SMALLINT -> type.unsigned() ? "smallint unsigned" : "smallint";
            case INTEGER -> type.unsigned() ? "int unsigned" : "int";
            case BIGINT -> type.unsigned() ? "bigint unsigned" : "bigint";
            case DECIMAL -> decimal(where, type);
            case REAL -> "float";
            case DOUBLE -> "double";
            case CHAR -> {
                int n = length == null ? 1 : length;
                if (n <= 255) {
                    yield "char(" + n + ")";
                }
                warnings.add(where + ": char(" + n + ") restored as varchar(" + n + "), MySQL's CHAR holds at most 255");
                yield varchar(where, n, keyed);
            }
            case VARCHAR -> length == null ? text(where, keyed) : varchar(where, length, keyed);
            case TEXT -> text(where, keyed);
            case BINARY -> {
                if (length != null && length <= MysqlTypeMapping.MAX_KEY_BYTES) {
                    yield "varbinary(" + length + ")";
                }
                if (keyed) {
                    warnings.add(where + ": binary in a key restored as varbinary(" + MysqlTypeMapping.MAX_KEY_BYTES
                            + "), longer values are rejected");
                    yield "varbinary(" + MysqlTypeMapping.MAX_KEY_BYTES + ")";
                }
                yield "longblob";
            }
            case DATE -> "date";
            case TIME -> "time(" + fraction(where, type) + ")";
            case TIMESTAMP -> "datetime(" + fraction(where, type) + ")";
            case TIMESTAMPTZ -> {
                warnings.add(where + ": timestamp with time zone restored as datetime(" + fraction(where, type)
                        + ") holding UTC, MySQL's TIMESTAMP only covers 1970-2038");
                yield "datetime(" + fraction(where, type) + ")";
            }
            case JSON -> "json";
            case UUID -> {
                if (server.hasUuidType()) {
                    yield "uuid";
                }
                warnings.add(where + ": uuid restored as char(36), this server has no UUID type");
                yield "char(36) CHARACTER SET ascii COLLATE ascii_general_ci";
            }
            case ENUM -> "enum(" + type.enumLabels().stream().map(MysqlDdl::literal).collect(Collectors.joining(","))
                    + ")";
            case NATIVE -> {
                warnings.add(where + ": " + type.nativeType() + " from another database restored as text");
                yield text(null, keyed);
            }
        };
    }

    private String decimal(String where, ColumnType type) {
        Integer precision = type.precision();
        Integer scale = type.scale();
        if (precision == null) {
            warnings.add(where + ": decimal without precision restored as decimal(65,30), values beyond it are rejected");
            return "decimal(65,30)";
        }
        int s = scale == null ? 0 : scale;
        if (precision > 65 || s > 30) {
            int p = Math.min(precision, 65);
            s = Math.min(s, 30);
            warnings.add(where + ": decimal(" + precision + "," + (scale == null ? 0 : scale) + ") restored as decimal("
                    + p + "," + s + "), the largest MySQL allows");
            return "decimal(" + p + "," + s + ")";
        }
        return "decimal(" + precision + "," + s + ")";
    }

    private String varchar(String where, int length, boolean keyed) {
        if (keyed && length > MysqlTypeMapping.MAX_KEY_CHARS) {
            warnings.add(where + ": varchar(" + length + ") in a key restored as varchar(" + MysqlTypeMapping.MAX_KEY_CHARS
                    + "), InnoDB's key length limit; longer values are rejected");
            return "varchar(" + MysqlTypeMapping.MAX_KEY_CHARS + ")";
        }
        return length <= MysqlTypeMapping.MAX_VARCHAR ? "varchar(" + length + ")" : "longtext";
    }

    private String text(String where, boolean keyed) {
        if (keyed) {
            if (where != null) {
                warnings.add(where + ": text in a key restored as varchar(" + MysqlTypeMapping.MAX_KEY_CHARS
                        + "), InnoDB's key length limit; longer values are rejected");
            }
            return "varchar(" + MysqlTypeMapping.MAX_KEY_CHARS + ")";
        }
        return "longtext";
    }

    private int fraction(String where, ColumnType type) {
        Integer precision = type.precision();
        if (precision == null) {
            return 6;
        }
        if (precision > 6) {
            warnings.add(where + ": fractional seconds beyond microseconds are not kept");
            return 6;
        }
        return precision;
    }

    private static LoadKind loadKind(PortableType type, String sqlType) {
        String t = sqlType.toLowerCase(Locale.ROOT);
        if (t.startsWith("binary") || t.startsWith("varbinary") || t.endsWith("blob")) {
            return LoadKind.BINARY;
        }
        return switch (type) {
            case BOOLEAN -> LoadKind.BOOLEAN;
            case REAL -> LoadKind.FLOAT;
            case DOUBLE -> LoadKind.DOUBLE;
            case DATE -> LoadKind.DATE;
            case TIME -> LoadKind.TIME;
            case TIMESTAMP -> LoadKind.TIMESTAMP;
            case TIMESTAMPTZ -> LoadKind.TIMESTAMPTZ;
            case UUID -> LoadKind.UUID;
            default -> LoadKind.TEXT;
        };
    }

    private String defaultSql(String where, Table table, int i, boolean fromMysql, String sqlType) {
        Column column = table.columns().get(i);
        if (column.defaultValue() != null) {
            String literal = MysqlValues.defaultLiteral(column.type().type(), column.defaultValue());
            String base = sqlType.toLowerCase(Locale.ROOT).split("[ (]")[0];
            // MySQL 8 accepts defaults on TEXT, BLOB and JSON columns only as parenthesised expressions
            boolean blobLike = base.endsWith("text") || base.endsWith("blob") || base.equals("json");
            return blobLike && !server.mariadb() ? "(" + literal + ")" : literal;
        }
        if (column.nativeDefault() == null) {
            return null;
        }
        if (fromMysql) {
            String expression = MysqlNativeSql.defaultExpression(table, i);
            boolean bare = expression.startsWith("'") || expression.toLowerCase(Locale.ROOT).startsWith("current_timestamp")
                    || expression.toLowerCase(Locale.ROOT).startsWith("b'");
            return server.mariadb() || bare ? expression : "(" + expression + ")";
        }
        if (!column.autoIncrement()) {
            warnings.add(where + ": default " + column.nativeDefault() + " from another database is not carried");
        }
        return null;
    }
}

package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqliteTypeMappingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "INT | INTEGER", "INTEGER | INTEGER", "integer | INTEGER", "MEDIUMINT | INTEGER", "TINYINT | SMALLINT",
        "SMALLINT | SMALLINT", "INT2 | SMALLINT", "BIGINT | BIGINT", "INT8 | BIGINT", "UNSIGNED BIG INT | BIGINT",
        "BOOLEAN | BOOLEAN", "bool | BOOLEAN", "REAL | DOUBLE", "DOUBLE | DOUBLE", "DOUBLE PRECISION | DOUBLE",
        "FLOAT | DOUBLE", "FLOAT4 | DOUBLE", "NUMERIC | DECIMAL", "DECIMAL(10,5) | DECIMAL",
        "DECIMAL TEXT(30,10) | DECIMAL", "VARCHAR(255) | VARCHAR", "NVARCHAR(100) | VARCHAR",
        "VARYING CHARACTER(255) | VARCHAR", "CHARACTER(20) | CHAR", "NCHAR(55) | CHAR", "TEXT | TEXT",
        "CLOB | TEXT", "BLOB | BINARY", "DATE | DATE", "DATETIME | TIMESTAMP", "TIMESTAMP | TIMESTAMP",
        "TIMESTAMP(6) | TIMESTAMP", "TIMESTAMPTZ | TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE | TIMESTAMPTZ",
        "TIME | TIME", "JSON | JSON", "UUID | UUID", "GEOMETRY | NATIVE", "MONEY | NATIVE",
        "INTEGER UNSIGNED | BIGINT", "STRING_CHARS | TEXT", "MY_BLOB | BINARY", "FLOATING | DOUBLE",
    })
    void declaredTypesMapToPortableTypes(String declared, PortableType expected) {
        ColumnType type = SqliteTypeMapping.portable(declared, false);
        assertThat(type.type()).isEqualTo(expected);
        assertThat(type.nativeType()).isEqualTo(declared);
    }

    @Test
    void facetsAreKept() {
        assertThat(SqliteTypeMapping.portable("VARCHAR(40)", false).length()).isEqualTo(40);
        assertThat(SqliteTypeMapping.portable("CHAR(3)", false).length()).isEqualTo(3);
        ColumnType decimal = SqliteTypeMapping.portable("NUMERIC(12, 2)", false);
        assertThat(decimal.precision()).isEqualTo(12);
        assertThat(decimal.scale()).isEqualTo(2);
    }

    @Test
    void noDeclaredTypeIsBinaryAndTheRowidAliasIsBigint() {
        assertThat(SqliteTypeMapping.portable("", false).type()).isEqualTo(PortableType.BINARY);
        assertThat(SqliteTypeMapping.portable("INTEGER", true).type()).isEqualTo(PortableType.BIGINT);
    }

    @Test
    void declaredTypesForOtherBackendsKeepTheRightAffinity() {
        ColumnType decimal = ColumnType.of(PortableType.DECIMAL, "numeric(30,10)").withPrecisionScale(30, 10);
        assertThat(SqliteTypeMapping.declaredFor(decimal)).isEqualTo("DECIMAL TEXT(30,10)");
        assertThat(SqliteAffinity.of(SqliteTypeMapping.declaredFor(decimal))).isEqualTo(SqliteAffinity.TEXT);
        assertThat(SqliteTypeMapping.declaredFor(ColumnType.of(PortableType.TIMESTAMPTZ, "timestamptz")))
                .isEqualTo("TIMESTAMPTZ");
        assertThat(SqliteTypeMapping.declaredFor(ColumnType.of(PortableType.VARCHAR, "varchar").withLength(12)))
                .isEqualTo("VARCHAR(12)");
        assertThat(SqliteTypeMapping.declaredFor(ColumnType.of(PortableType.NATIVE, "inet"))).isEqualTo("TEXT");
        for (PortableType type : PortableType.values()) {
            ColumnType columnType = ColumnType.of(type, "x");
            // reading the declared type back gives the same portable type (ENUM and NATIVE come back as TEXT)
            PortableType back = SqliteTypeMapping.portable(SqliteTypeMapping.declaredFor(columnType), false).type();
            assertThat(back).as(type.name())
                    .isEqualTo(type == PortableType.ENUM || type == PortableType.NATIVE ? PortableType.TEXT
                            : type == PortableType.REAL ? PortableType.DOUBLE : type);
        }
    }

    @Test
    void literalsKeepTheStorageClass() {
        for (Object value : new Object[] {42L, -7L, 1.5, 42.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                "it's", "", "42", new byte[] {0, (byte) 0xff}}) {
            Object back = SqliteLiteral.parse(SqliteLiteral.of(value));
            assertThat(back).isInstanceOf(value.getClass()).isEqualTo(value);
        }
        assertThat(SqliteLiteral.of(42.0)).isEqualTo("42.0");
        assertThat(SqliteLiteral.of("it's")).isEqualTo("'it''s'");
        assertThat(SqliteLiteral.of(new byte[] {0, (byte) 0xff})).isEqualTo("X'00ff'");
    }

    @Test
    void portableDefaultsAreLiteralsOnly() {
        ColumnType text = ColumnType.of(PortableType.TEXT, "TEXT");
        assertThat(SqliteSchemaReader.portableDefault("'it''s'", text)).isEqualTo("it's");
        assertThat(SqliteSchemaReader.portableDefault("-1.5", ColumnType.of(PortableType.DOUBLE, "REAL"))).isEqualTo("-1.5");
        assertThat(SqliteSchemaReader.portableDefault("CURRENT_TIMESTAMP", text)).isNull();
        assertThat(SqliteSchemaReader.portableDefault("lower('A')", text)).isNull();
        assertThat(SqliteSchemaReader.portableDefault("TRUE", ColumnType.of(PortableType.BOOLEAN, "BOOLEAN")))
                .isEqualTo("true");
    }

    @Test
    void partialIndexPredicatesAreFoundAfterTheColumnList() {
        assertThat(SqliteSchemaReader.whereClause("CREATE INDEX i ON t (\"where\", b) WHERE b > 0 AND 'x WHERE' = c"))
                .isEqualTo("b > 0 AND 'x WHERE' = c");
        assertThat(SqliteSchemaReader.whereClause("CREATE INDEX i ON t (a)")).isNull();
    }
}

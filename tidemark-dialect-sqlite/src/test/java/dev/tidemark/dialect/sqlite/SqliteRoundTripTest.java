package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.dialect.DialectTransfer;
import dev.tidemark.dialect.Dialects;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRoundTripTest {
    @TempDir
    Path dir;
    Path source;
    Path target;

    @BeforeEach
    void createFixture() throws Exception {
        source = dir.resolve("source.db");
        target = dir.resolve("restored.db");
        SqliteTestDb.exec(source,
                // created before the table it references: the snapshot must still order the parent first
                "CREATE TABLE child_first (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent_later (id))",
                "CREATE TABLE parent_later (id INTEGER PRIMARY KEY, label TEXT)",
                "CREATE TABLE \"order\" (id INTEGER PRIMARY KEY AUTOINCREMENT, \"group\" TEXT NOT NULL DEFAULT 'g''1',"
                        + " \"Select\" VARCHAR(20), created DATETIME DEFAULT CURRENT_TIMESTAMP,"
                        + " amount NUMERIC(12,2) DEFAULT 0, flag BOOLEAN NOT NULL DEFAULT 1,"
                        + " stamp TEXT DEFAULT (strftime('%s','now')))",
                "CREATE TABLE \"MixedCase\" (\"Key\" TEXT, part INTEGER, payload BLOB, note TEXT,"
                        + " PRIMARY KEY (\"Key\", part)) WITHOUT ROWID",
                "CREATE TABLE types (id INTEGER PRIMARY KEY, b BOOLEAN, si SMALLINT, i INT, bi BIGINT,"
                        + " dec_text TEXT, dec NUMERIC(30,10), r REAL, d DOUBLE, f FLOAT, c CHAR(5), vc VARCHAR(100),"
                        + " t TEXT, bin BLOB, anything, dt DATE, tm TIME, ts TIMESTAMP, tstz TIMESTAMPTZ, j JSON,"
                        + " u UUID, g GEOMETRY, mixed INTEGER)",
                "CREATE TABLE employee (id INTEGER PRIMARY KEY, manager_id INTEGER REFERENCES employee (id)"
                        + " ON DELETE SET NULL ON UPDATE CASCADE, name TEXT UNIQUE, email TEXT, dept TEXT,"
                        + " UNIQUE (dept, name))",
                "CREATE INDEX employee_email_lower ON employee (lower(email))",
                "CREATE UNIQUE INDEX employee_dept_partial ON employee (dept) WHERE dept IS NOT NULL AND id > 100",
                "CREATE INDEX employee_dept ON employee (dept DESC, email)",
                "CREATE TABLE no_pk (a TEXT, b INTEGER)",
                "CREATE TABLE empty_table (id INTEGER PRIMARY KEY, v TEXT NOT NULL)",
                "CREATE TABLE order_line (order_id INTEGER NOT NULL REFERENCES \"order\" (id) ON DELETE CASCADE,"
                        + " line INTEGER, qty INTEGER CHECK (qty > 0), PRIMARY KEY (order_id, line))",
                "CREATE TABLE strict_t (id INTEGER PRIMARY KEY, v ANY, n TEXT NOT NULL, r REAL) STRICT",
                "INSERT INTO strict_t VALUES (1, '123', 'a', 1.5), (2, 123, 'b', NULL), (3, 1.5, 'c', -2.0),"
                        + " (4, x'01', 'd', 1e300), (5, NULL, '', 0)",
                "CREATE TABLE \"it's \"\"quoted\"\"\" (\"a \"\"b\"\"\" TEXT DEFAULT 'x''y', \"c'd\" INTEGER)",
                "CREATE INDEX \"idx \"\"q\"\"\" ON \"it's \"\"quoted\"\"\" (\"c'd\")",
                "INSERT INTO \"it's \"\"quoted\"\"\" VALUES ('v', 1), (NULL, NULL)",
                "CREATE VIEW v_orders AS SELECT * FROM \"order\"",
                "CREATE TRIGGER order_touch AFTER UPDATE ON \"order\" BEGIN SELECT 1; END",
                "INSERT INTO parent_later VALUES (1, 'p')",
                "INSERT INTO child_first VALUES (10, 1), (11, NULL)",
                "INSERT INTO \"order\" (id, \"group\", \"Select\", created, amount, flag) VALUES"
                        + " (1, 'a', 'x', '2024-01-01 10:00:00', 12.5, 1), (7, '', NULL, NULL, NULL, 0)",
                "INSERT INTO \"order\" (\"group\", amount, flag) VALUES ('next', 3, 1)",
                "DELETE FROM \"order\" WHERE id = 8",
                "INSERT INTO order_line VALUES (1, 1, 5), (1, 2, 1), (7, 1, 3)",
                "INSERT INTO \"MixedCase\" VALUES ('k', 1, x'00ff', 'n'), ('K', 1, x'', NULL), ('', 0, NULL, '')",
                "INSERT INTO employee VALUES (1, NULL, 'boss', 'B@x.org', NULL), (2, 1, 'dev', 'd@x.org', 'eng'),"
                        + " (3, 3, 'self', NULL, 'eng')",
                "INSERT INTO no_pk VALUES ('dup', 1), ('dup', 1), (NULL, NULL)");
        try (Connection c = SqliteTestDb.connect(source); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO types (id, b, si, i, bi, dec_text, dec, r, d, f, c, vc, t, bin, anything, dt, tm, ts,"
                        + " tstz, j, u, g, mixed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            Object[][] rows = {
                {1, 1, -32768, 2147483647, Long.MAX_VALUE, "12345678901234567890.123456789012345", "3.14159265358979323846",
                    Double.POSITIVE_INFINITY, -0.0, 0.1, "ab", "quote \" and ' and ,", "line1\r\nline2\ttab \\ back",
                    new byte[] {0, (byte) 0xff, (byte) 0xc3, 0x28}, 1L, "1969-12-31", "23:59:59.999999",
                    "2038-01-19 03:14:08.123456", "2024-06-01 12:00:00.5+00", "{\"a\":[1,2,{\"b\":null}],\"s\":\"x\\\"y\"}",
                    "123e4567-e89b-12d3-a456-426614174000", "POINT(1 2)", 42L},
                {2, 0, 32767, -2147483648, Long.MIN_VALUE, "-0.000000000000000000001", "12.50",
                    Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 2.2250738585072014E-308, "", "", "",
                    new byte[0], 1.5, "0001-01-01", "00:00:00", "1900-01-01 00:00:00", "1969-07-20 20:17:40+00",
                    "[]", "00000000-0000-0000-0000-000000000000", "", "not a number"},
                {3, null, null, null, null, null, "-99999999999999999999", Double.MAX_VALUE, -1.0E-300, 1e300,
                    null, "żółć ☃ 😀 \u0000 inside", "😀", new byte[] {(byte) 0x80}, "text", "2100-02-28", "12:00:00",
                    "2262-04-11T23:47:16", null, "42", null, null, null},
                {4, null, 0, 0, 0, "0", "0", 0.0, 1.0, -2.5, null, null, null, null, new byte[] {1, 2}, null, null,
                    null, null, null, null, null, 1.25},
                {5, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null},
            };
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    insert.setObject(i + 1, row[i]);
                }
                insert.executeUpdate();
            }
        }
    }

    @Test
    void everyValueAndTheSchemaSurviveARoundTripExactly() throws Exception {
        var result = DialectTransfer.transfer(Dialects.forUrl("sqlite:" + source), Dialects.forUrl("sqlite:" + target));

        for (String table : List.of("child_first", "parent_later", "order", "MixedCase", "types", "employee", "no_pk",
                "empty_table", "order_line", "strict_t",
                "it's \"quoted\"")) {
            assertThat(SqliteTestDb.exactRows(target, table)).as(table)
                    .isEqualTo(SqliteTestDb.exactRows(source, table));
        }
        assertThat(SqliteTestDb.schemaFacts(target)).isEqualTo(SqliteTestDb.schemaFacts(source));
        assertThat(SqliteTestDb.query(target, "SELECT name FROM sqlite_schema WHERE type IN ('view','trigger')")).isEmpty();
        assertThat(result.snapshotWarnings()).anyMatch(w -> w.contains("view v_orders skipped"))
                .anyMatch(w -> w.contains("trigger order_touch skipped"));
        assertThat(result.schema().nativeObjects()).containsKeys("v_orders", "order_touch");
    }

    @Test
    void restoredAutoIncrementContinuesWhereTheSourceWould() throws Exception {
        DialectTransfer.transfer(Dialects.forUrl("sqlite:" + source), Dialects.forUrl("sqlite:" + target));

        SqliteTestDb.exec(target, "INSERT INTO \"order\" (\"group\") VALUES ('after restore')");
        SqliteTestDb.exec(source, "INSERT INTO \"order\" (\"group\") VALUES ('after restore')");
        assertThat(SqliteTestDb.query(target, "SELECT max(id) FROM \"order\"")).containsExactly("9");
        assertThat(SqliteTestDb.exactRows(target, "order")).isEqualTo(SqliteTestDb.exactRows(source, "order"));
    }

    @Test
    void schemaIsDescribedInPortableTerms() throws Exception {
        Schema schema = DialectTransfer.export(Dialects.forUrl("sqlite:" + source),
                dev.tidemark.source.SnapshotMode.READ_ONLY).schema();

        List<String> order = schema.tables().stream().map(Table::name).toList();
        assertThat(order.indexOf("parent_later")).isLessThan(order.indexOf("child_first"));
        assertThat(order.indexOf("order")).isLessThan(order.indexOf("order_line"));

        Table types = schema.table("types").orElseThrow();
        assertThat(types.columns().stream().collect(Collectors.toMap(Column::name, c -> c.type().type())))
                .containsEntry("id", PortableType.BIGINT).containsEntry("b", PortableType.BOOLEAN)
                .containsEntry("si", PortableType.SMALLINT).containsEntry("i", PortableType.INTEGER)
                .containsEntry("bi", PortableType.BIGINT).containsEntry("dec", PortableType.DECIMAL)
                .containsEntry("r", PortableType.DOUBLE).containsEntry("f", PortableType.DOUBLE)
                .containsEntry("c", PortableType.CHAR).containsEntry("vc", PortableType.VARCHAR)
                .containsEntry("bin", PortableType.BINARY).containsEntry("dt", PortableType.DATE)
                .containsEntry("tm", PortableType.TIME).containsEntry("ts", PortableType.TIMESTAMP)
                .containsEntry("tstz", PortableType.TIMESTAMPTZ).containsEntry("j", PortableType.JSON)
                .containsEntry("u", PortableType.UUID).containsEntry("g", PortableType.NATIVE)
                // values of several storage classes: carried as SQLite literals
                .containsEntry("anything", PortableType.NATIVE).containsEntry("mixed", PortableType.NATIVE);
        assertThat(types.column("vc").type().length()).isEqualTo(100);
        assertThat(types.column("dec").type().precision()).isEqualTo(30);
        assertThat(types.column("dec").type().scale()).isEqualTo(10);
        assertThat(types.column("g").type().nativeType()).isEqualTo("GEOMETRY");

        Table order1 = schema.table("order").orElseThrow();
        assertThat(order1.column("id").autoIncrement()).isTrue();
        assertThat(order1.nextValue()).isEqualTo(9L);
        assertThat(order1.column("group").defaultValue()).isEqualTo("g'1");
        assertThat(order1.column("created").defaultValue()).isNull();
        assertThat(order1.column("created").nativeDefault()).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(order1.column("flag").defaultValue()).isEqualTo("true");
        assertThat(order1.column("group").nullable()).isFalse();

        Table mixedCase = schema.table("MixedCase").orElseThrow();
        assertThat(mixedCase.primaryKey()).containsExactly("Key", "part");
        assertThat(mixedCase.options()).containsEntry("sqlite.withoutRowid", "true");

        Table employee = schema.table("employee").orElseThrow();
        assertThat(employee.uniqueKeys()).containsExactlyInAnyOrder(List.of("name"), List.of("dept", "name"));
        assertThat(employee.foreignKeys()).singleElement().satisfies(fk -> {
            assertThat(fk.referencedTable()).isEqualTo("employee");
            assertThat(fk.columns()).containsExactly("manager_id");
            assertThat(fk.referencedColumns()).containsExactly("id");
            assertThat(fk.onDelete()).isEqualTo("SET NULL");
            assertThat(fk.onUpdate()).isEqualTo("CASCADE");
        });
        assertThat(employee.indexes()).anySatisfy(index -> {
            assertThat(index.name()).isEqualTo("employee_email_lower");
            assertThat(index.columns()).isEmpty();
            assertThat(index.nativeSql()).contains("lower(email)");
        }).anySatisfy(index -> {
            assertThat(index.name()).isEqualTo("employee_dept_partial");
            assertThat(index.unique()).isTrue();
            assertThat(index.columns()).containsExactly("dept");
            assertThat(index.where()).isEqualTo("dept IS NOT NULL AND id > 100");
        });
    }

    @Test
    void exportedValuesAreCanonicalText() throws Exception {
        var exported = DialectTransfer.export(Dialects.forUrl("sqlite:" + source),
                dev.tidemark.source.SnapshotMode.READ_ONLY);
        Table types = exported.schema().table("types").orElseThrow();
        String[] first = exported.rows().get("types").rows().get(0);
        String[] second = exported.rows().get("types").rows().get(1);
        int b = types.columns().indexOf(types.column("b"));
        assertThat(first[b]).isEqualTo("true");
        assertThat(second[b]).isEqualTo("false");
        assertThat(first[types.columns().indexOf(types.column("bin"))]).isEqualTo("\\x00ffc328");
        assertThat(second[types.columns().indexOf(types.column("bin"))]).isEqualTo("\\x");
        assertThat(first[types.columns().indexOf(types.column("r"))]).isEqualTo("Infinity");
        assertThat(first[types.columns().indexOf(types.column("f"))]).isEqualTo("0.1");
        assertThat(first[types.columns().indexOf(types.column("bi"))]).isEqualTo("9223372036854775807");
        assertThat(second[types.columns().indexOf(types.column("dec"))]).isEqualTo("12.5");
        assertThat(first[types.columns().indexOf(types.column("dec_text"))]).isEqualTo("12345678901234567890.123456789012345");
        assertThat(first[types.columns().indexOf(types.column("anything"))]).isEqualTo("1");
        assertThat(second[types.columns().indexOf(types.column("anything"))]).isEqualTo("1.5");
        assertThat(second[types.columns().indexOf(types.column("mixed"))]).isEqualTo("'not a number'");
        assertThat(second[types.columns().indexOf(types.column("t"))]).isEmpty();
        assertThat(exported.rows().get("types").rows().get(4)[types.columns().indexOf(types.column("t"))]).isNull();
        assertThat(exported.snapshotWarnings()).anyMatch(w -> w.contains("types.ts") && w.contains("2262-04-11T23:47:16"));
    }
}

package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Index;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A schema written in portable types, as another backend (here: MySQL) would describe it. */
class PostgresForeignSchemaRestoreTest {

    private static Column column(String name, ColumnType type) {
        return new Column(name, type, true, null, null, false);
    }

    private static Schema mysqlSchema() {
        Table customers = new Table("Customers", List.of(
                new Column("id", ColumnType.of(PortableType.INTEGER, "int"), false, null, null, true),
                column("active", ColumnType.of(PortableType.BOOLEAN, "tinyint(1)")),
                column("signed_up", ColumnType.of(PortableType.TIMESTAMPTZ, "timestamp(6)").withPrecisionScale(6, null)),
                column("balance", ColumnType.of(PortableType.DECIMAL, "decimal(38,10)").withPrecisionScale(38, 10)),
                column("avatar", ColumnType.of(PortableType.BINARY, "blob")),
                column("external_id", ColumnType.of(PortableType.UUID, "char(36)")),
                column("profile", ColumnType.of(PortableType.JSON, "json")),
                column("tier", new ColumnType(PortableType.ENUM, null, null, null, false, List.of("free", "pro"), "enum('free','pro')")),
                column("born", ColumnType.of(PortableType.NATIVE, "year")),
                column("big", new ColumnType(PortableType.BIGINT, null, null, null, true, List.of(), "bigint unsigned")),
                column("wake", ColumnType.of(PortableType.TIME, "time(9)").withPrecisionScale(9, null)),
                new Column("name", ColumnType.of(PortableType.VARCHAR, "varchar(20)").withLength(20), false, "anonymous", "'anonymous'", false),
                new Column("updated", ColumnType.of(PortableType.TIMESTAMP, "datetime"), true, null, "CURRENT_TIMESTAMP", false)),
                List.of("id"), List.of(List.of("name")),
                List.of(new Index("idx_name", List.of("name"), false, null, null),
                        new Index("idx_lower", List.of(), false, null, "CREATE INDEX idx_lower ON Customers ((lower(name)))"),
                        new Index("idx_active", List.of("active"), false, "active = 1", null)),
                List.of(), 50L, Map.of());
        Table orders = new Table("orders", List.of(
                new Column("id", ColumnType.of(PortableType.BIGINT, "bigint"), false, null, null, true),
                column("customer_id", ColumnType.of(PortableType.INTEGER, "int")),
                column("name", ColumnType.of(PortableType.TEXT, "text"))),
                List.of("id"), List.of(), List.of(new Index("idx_name", List.of("name"), false, null, null)),
                List.of(new ForeignKey("orders_customer", List.of("customer_id"), "Customers", List.of("id"), "CASCADE", null)),
                null, Map.of());
        return new Schema(List.of(customers, orders));
    }

    @Test
    void portableTypesMapToPostgresTypesWithWarningsForLossyOnes() throws Exception {
        try (ScratchDatabase target = new ScratchDatabase()) {
            Schema schema = mysqlSchema();
            List<String[]> customers = List.of(
                    new String[] {"1", "true", "2024-03-01T10:00:00.123456+02:00", "-12345678901234567890123456.0123456789",
                            "\\x00ff", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "{\"k\": [1, 2]}", "pro", "1999",
                            "18446744073709551615", "07:30:00.123456", "Zoë", "2001-02-03 04:05:06"},
                    new String[] {"7", "false", null, "0.0000000000", "\\x", null, null, "free", null, "0", null, "", null});
            List<String> warnings = SpiRows.restore(target.dialect(), schema,
                    Map.of("Customers", customers, "orders", List.<String[]>of(new String[] {"1", "7", "first"})), false);

            assertThat(warnings).anyMatch(w -> w.startsWith("Customers.born: type year has no PostgreSQL equivalent; restored as text"));
            assertThat(warnings).anyMatch(w -> w.startsWith("Customers.wake: 9 fractional-second digits"));
            assertThat(warnings).anyMatch(w -> w.startsWith("Customers.updated: default CURRENT_TIMESTAMP"));
            assertThat(warnings).anyMatch(w -> w.contains("index idx_lower of table Customers is on expressions"));
            assertThat(warnings).anyMatch(w -> w.contains("index idx_active of table Customers: predicate active = 1"));
            assertThat(warnings).anyMatch(w -> w.contains("index idx_name of table orders restored as orders_idx_name"));
            assertThat(warnings).hasSize(6);

            String types = "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                    + " WHERE a.attrelid = '\"Customers\"'::regclass AND a.attnum > 0 ORDER BY a.attnum";
            assertThat(target.rows(types)).containsExactly(
                    List.of("id", "integer"), List.of("active", "boolean"), List.of("signed_up", "timestamp(6) with time zone"),
                    List.of("balance", "numeric(38,10)"), List.of("avatar", "bytea"), List.of("external_id", "uuid"),
                    List.of("profile", "jsonb"), List.of("tier", "\"Customers_tier\""), List.of("born", "text"),
                    List.of("big", "numeric(20,0)"), List.of("wake", "time(6) without time zone"),
                    List.of("name", "character varying(20)"), List.of("updated", "timestamp without time zone"));
            assertThat(target.rows("SELECT id, active, signed_up, balance, avatar, external_id, profile, tier, born, big, wake,"
                    + " name, updated FROM \"Customers\" ORDER BY id")).containsExactly(
                    List.of("1", "t", "2024-03-01 08:00:00.123456+00", "-12345678901234567890123456.0123456789", "\\x00ff",
                            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{\"k\": [1, 2]}", "pro", "1999", "18446744073709551615",
                            "07:30:00.123456", "Zoë", "2001-02-03 04:05:06"),
                    java.util.Arrays.asList("7", "f", null, "0.0000000000", "\\x", null, null, "free", null, "0", null, "", null));
            assertThat(target.single("SELECT enum_range(NULL::\"Customers_tier\")::text")).isEqualTo("{free,pro}");
            assertThat(target.single("SELECT column_default FROM information_schema.columns"
                    + " WHERE table_name = 'Customers' AND column_name = 'name'")).isEqualTo("'anonymous'::character varying(20)");
            assertThat(target.single("INSERT INTO \"Customers\" DEFAULT VALUES RETURNING id")).isEqualTo("50");
            assertThat(target.single("SELECT nextval(pg_get_serial_sequence('orders', 'id'))")).isEqualTo("2");
            assertThat(target.rows("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1")).containsExactly(
                    List.of("Customers_name_key"), List.of("Customers_pkey"), List.of("idx_active"), List.of("idx_name"),
                    List.of("orders_idx_name"), List.of("orders_pkey"));
            assertThat(target.single("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'orders_customer'"))
                    .isEqualTo("FOREIGN KEY (customer_id) REFERENCES \"Customers\"(id) ON DELETE CASCADE");
        }
    }

    @Test
    void existingEnumTypesAreReusedReplacedOrRefused() throws Exception {
        Table plans = new Table("plans", List.of(column("tier",
                new ColumnType(PortableType.ENUM, null, null, null, false, List.of("free", "pro"), "enum('free','pro')"))),
                List.of(), List.of(), List.of(), List.of(), null, Map.of());
        Schema schema = new Schema(List.of(plans));
        Map<String, List<String[]>> rows = Map.of("plans", List.<String[]>of(new String[] {"pro"}));
        try (ScratchDatabase target = new ScratchDatabase()) {
            target.execute("CREATE TYPE plans_tier AS ENUM ('free', 'pro')");
            SpiRows.restore(target.dialect(), schema, rows, false);
            assertThat(target.single("SELECT tier::text FROM plans")).isEqualTo("pro");

            target.execute("DROP TABLE plans", "DROP TYPE plans_tier", "CREATE TYPE plans_tier AS ENUM ('gold')",
                    "CREATE TABLE keeps (t plans_tier)");
            for (boolean replace : new boolean[] {false, true}) {
                assertThatThrownBy(() -> SpiRows.restore(target.dialect(), schema, rows, replace))
                        .isInstanceOfSatisfying(TidemarkException.class,
                                e -> assertThat(e.kind()).isEqualTo(ErrorKind.TARGET_CONFLICT));
                assertThat(target.single("SELECT to_regclass('plans')")).isNull();
            }
            target.execute("DROP TABLE keeps");
            SpiRows.restore(target.dialect(), schema, rows, true);
            assertThat(target.single("SELECT enum_range(NULL::plans_tier)::text")).isEqualTo("{free,pro}");
        }
    }
}

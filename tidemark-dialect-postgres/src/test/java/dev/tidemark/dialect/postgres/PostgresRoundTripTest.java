package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresRoundTripTest {
    private ScratchDatabase source;
    private ScratchDatabase target;
    private SpiRows.Exported exported;
    private List<String> restoreWarnings;

    /** Connections the restore may use; above 1 it builds the tables in a staging schema. */
    int restoreParallelism() {
        return 1;
    }

    @BeforeAll
    void roundTrip() throws Exception {
        source = new ScratchDatabase();
        target = new ScratchDatabase();
        Fixture.create(source);
        exported = SpiRows.export(source.dialect(), SnapshotMode.READ_ONLY);
        // the restore sees the schema the way an archive's manifest carries it
        ObjectMapper json = new ObjectMapper();
        Schema fromManifest = json.readValue(json.writeValueAsString(exported.schema()), Schema.class);
        assertThat(fromManifest).isEqualTo(exported.schema());
        restoreWarnings = SpiRows.restore(target.dialect(), fromManifest, exported.rows(), false, restoreParallelism());
    }

    @AfterAll
    void dropDatabases() throws Exception {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void everyValueOfEveryRowIsRestoredExactly() throws Exception {
        for (String[] table : Fixture.TABLES) {
            String sql = "SELECT * FROM " + table[0] + " ORDER BY " + table[1];
            assertThat(target.rows(sql)).as(table[0]).isEqualTo(source.rows(sql));
        }
        assertThat(target.single("SELECT count(*) FROM \"AllTypes\"")).isEqualTo("5");
        String binary = "SELECT encode(bin, 'hex') FROM \"AllTypes\" ORDER BY id";
        assertThat(target.rows(binary)).isEqualTo(source.rows(binary));
        String floats = "SELECT f4::float8 = s.f4::float8 FROM \"AllTypes\" s ORDER BY id";
        assertThat(target.rows(floats)).isEqualTo(source.rows(floats));
    }

    @Test
    void exportedValuesAreInCanonicalTextForm() {
        Table allTypes = exported.schema().table("AllTypes").orElseThrow();
        List<String[]> rows = exported.rows().get("AllTypes");
        String[] edge = rows.get(1);
        assertThat(value(allTypes, edge, "b")).isEqualTo("true");
        assertThat(value(allTypes, rows.get(2), "b")).isEqualTo("false");
        assertThat(value(allTypes, rows.get(0), "b")).isNull();
        assertThat(value(allTypes, edge, "t")).isEqualTo("");
        assertThat(value(allTypes, edge, "vc")).isEqualTo("quote \" comma , cr\r lf\n tab\t backslash \\ end");
        assertThat(value(allTypes, edge, "bin")).isEqualTo("\\x00ff80c328");
        assertThat(value(allTypes, edge, "tstz")).isEqualTo("1969-12-31 23:59:59.999999+00");
        assertThat(value(allTypes, rows.get(2), "tstz")).isEqualTo("2100-06-15 10:34:56.5+00");
        assertThat(value(allTypes, edge, "u")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(value(allTypes, edge, "dec")).isEqualTo("1234567890123456789012345678.0123456789");
        assertThat(value(allTypes, rows.get(2), "dec")).isEqualTo("-0.0000000001");
        assertThat(value(allTypes, rows.get(3), "tm")).isEqualTo("12:34:56.5");
        assertThat(value(allTypes, rows.get(2), "vc")).isEqualTo("\\.");
        assertThat(value(allTypes, rows.get(4), "t")).isEqualTo("NULL");
        assertThat(Double.parseDouble(value(allTypes, rows.get(3), "f8"))).isEqualTo(Double.MIN_VALUE);
        assertThat(Float.parseFloat(value(allTypes, rows.get(3), "f4"))).isEqualTo(1.17549435e-38f);
        assertThat(value(allTypes, rows.get(2), "f4")).isEqualTo("-Infinity");
        assertThat(value(allTypes, edge, "iv")).isEqualTo("P1Y2M3DT4H5M6.789S");
    }

    @Test
    void schemaIsReadInPortableTerms() {
        Table allTypes = exported.schema().table("AllTypes").orElseThrow();
        assertThat(allTypes.column("b").type().type()).isEqualTo(PortableType.BOOLEAN);
        assertThat(allTypes.column("dec").type().precision()).isEqualTo(38);
        assertThat(allTypes.column("dec").type().scale()).isEqualTo(10);
        assertThat(allTypes.column("vc").type().length()).isEqualTo(80);
        assertThat(allTypes.column("ch").type().type()).isEqualTo(PortableType.CHAR);
        assertThat(allTypes.column("jsb").type().type()).isEqualTo(PortableType.JSON);
        assertThat(allTypes.column("jsb").type().nativeType()).isEqualTo("jsonb");
        assertThat(allTypes.column("m").type().enumLabels()).containsExactly("sad", "ok", "happy", "it's \"complicated\"");
        assertThat(allTypes.column("pos").type().type()).isEqualTo(PortableType.INTEGER);
        assertThat(allTypes.column("iv").type().type()).isEqualTo(PortableType.NATIVE);
        assertThat(allTypes.column("arr").type().nativeType()).isEqualTo("integer[]");
        assertThat(allTypes.column("select").defaultValue()).isEqualTo("it's");
        assertThat(allTypes.column("MixedCase").defaultValue()).isEqualTo("42");
        assertThat(allTypes.column("MixedCase").nullable()).isFalse();
        Column created = allTypes.column("created");
        assertThat(created.defaultValue()).isNull();
        assertThat(created.nativeDefault()).isEqualTo("now()");
        assertThat(allTypes.column("id").autoIncrement()).isTrue();
        assertThat(allTypes.nextValue()).isEqualTo(6L);
        assertThat(exported.schema().enumTypes()).containsKey("mood");

        Table counters = exported.schema().table("counters").orElseThrow();
        assertThat(counters.nextValue()).isEqualTo(42L);
        assertThat(exported.schema().table("tickets").orElseThrow().nextValue()).isEqualTo(102L);
        Table order = exported.schema().table("order").orElseThrow();
        assertThat(order.primaryKey()).containsExactly("tenant", "id");
        assertThat(order.uniqueKeys()).containsExactly(List.of("tenant", "note"));
        assertThat(order.foreignKeys()).anySatisfy(fk -> {
            assertThat(fk.referencedTable()).isEqualTo("order");
            assertThat(fk.onDelete()).isEqualTo("CASCADE");
            assertThat(fk.onUpdate()).isEqualTo("SET NULL");
        });
        assertThat(order.indexes()).anySatisfy(index -> {
            assertThat(index.name()).isEqualTo("order_open_idx");
            assertThat(index.where()).isEqualTo("(parent_id IS NOT NULL)");
            assertThat(index.unique()).isTrue();
        });

        List<String> names = exported.schema().tables().stream().map(Table::name).toList();
        assertThat(names.indexOf("AllTypes")).isLessThan(names.indexOf("order"));
        assertThat(names).doesNotContain("order_view");
        assertThat(exported.schema().nativeObjects().get("view order_view")).startsWith("CREATE VIEW \"order_view\" AS")
                .contains("FROM \"order\"");
        assertThat(exported.warnings()).anyMatch(w -> w.contains("view order_view skipped"));
        assertThat(exported.warnings()).anyMatch(w -> w.contains("trigger log_touch on log_entries skipped"));
    }

    @Test
    void indexesConstraintsAndColumnTypesAreRestored() throws Exception {
        String indexes = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname";
        assertThat(target.rows(indexes)).isEqualTo(source.rows(indexes));
        String constraints = "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u', 'f') ORDER BY 1, 2";
        assertThat(target.rows(constraints)).isEqualTo(source.rows(constraints));
        String columns = "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0"
                + " AND NOT a.attisdropped AND NOT (c.relname = 'AllTypes' AND a.attname = 'pos')"
                + " AND NOT (c.relname = 'counters' AND a.attname = 'id') ORDER BY 1, a.attnum";
        assertThat(target.rows(columns)).isEqualTo(source.rows(columns));
        assertThat(target.single("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = '\"AllTypes\"'::regclass AND attname = 'pos'")).isEqualTo("integer");
        String defaults = "SELECT column_name, column_default FROM information_schema.columns"
                + " WHERE table_name = 'AllTypes' AND column_default IS NOT NULL ORDER BY 1";
        assertThat(target.rows(defaults)).isEqualTo(source.rows(defaults));
        assertThat(restoreWarnings).isEmpty();
    }

    @Test
    void sequencesContinueWhereTheSourceStood() throws Exception {
        // nextval is not rolled back, so this consumes one value on both sides and leaves the rows alone
        List<String> expected = List.of("42", "6", "102");
        List<String> tables = List.of("counters", "\"AllTypes\"", "tickets");
        for (int i = 0; i < tables.size(); i++) {
            String next = "SELECT nextval(pg_get_serial_sequence('" + tables.get(i) + "', 'id'))";
            assertThat(source.single(next)).as(tables.get(i)).isEqualTo(expected.get(i));
            assertThat(target.single(next)).as(tables.get(i)).isEqualTo(expected.get(i));
        }
    }

    private static String value(Table table, String[] row, String column) {
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.columns().get(i).name().equals(column)) {
                return row[i];
            }
        }
        throw new IllegalArgumentException(column);
    }
}

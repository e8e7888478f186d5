package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.dialect.Dialects;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.schema.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresSchemaSelectionTest {

    @Test
    void currentSchemaSelectsTheSchemaReadAndWritten() throws Exception {
        try (ScratchDatabase source = new ScratchDatabase(); ScratchDatabase target = new ScratchDatabase()) {
            source.execute("CREATE SCHEMA sales",
                    "CREATE TYPE sales.status AS ENUM ('new', 'paid', 'shipped')",
                    "CREATE SEQUENCE sales.global_seq START 500",
                    "CREATE TABLE sales.\"Orders\" (id serial PRIMARY KEY, history sales.status[],"
                            + " code integer DEFAULT nextval('sales.global_seq'))",
                    "INSERT INTO sales.\"Orders\" (history) VALUES ('{new,paid}'), ('{}'), (NULL)",
                    "CREATE TABLE public.elsewhere (id integer PRIMARY KEY)",
                    "CREATE TABLE sales.refs (id integer PRIMARY KEY, elsewhere_id integer CONSTRAINT refs_out REFERENCES public.elsewhere)");
            target.execute("CREATE SCHEMA archive");

            SpiRows.Exported exported = SpiRows.export(
                    (PostgresDialect) Dialects.forUrl(source.url() + "?currentSchema=sales"), SnapshotMode.READ_ONLY);
            assertThat(exported.schema().tables()).extracting(Table::name).containsExactly("Orders", "refs");
            assertThat(exported.warnings()).containsExactly(
                    "refs: foreign key refs_out references public.elsewhere outside the snapshot's schema; not carried");
            assertThat(exported.schema().enumTypes()).containsEntry("status", List.of("new", "paid", "shipped"));

            List<String> warnings = SpiRows.restore((PostgresDialect) Dialects.forUrl(target.url() + "?currentSchema=archive"),
                    exported.schema(), exported.rows(), false);
            assertThat(warnings).containsExactly("Orders.code: default nextval('global_seq'::regclass) uses a sequence"
                    + " that is not carried; not restored");
            String rows = "SELECT id, history::text, code FROM %s.\"Orders\" ORDER BY id";
            assertThat(target.rows(rows.formatted("archive"))).isEqualTo(source.rows(rows.formatted("sales")));
            assertThat(target.single("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'archive.\"Orders\"'::regclass AND attname = 'history'")).isEqualTo("archive.status[]");
            assertThat(target.single("SELECT to_regclass('public.\"Orders\"')")).isNull();
            assertThat(target.single("SELECT nextval(pg_get_serial_sequence('archive.\"Orders\"', 'id'))")).isEqualTo("4");
        }
    }
}

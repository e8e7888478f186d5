package dev.tidemark.migration;

import static dev.tidemark.migration.CraftedSnapshot.array;
import static dev.tidemark.migration.CraftedSnapshot.find;
import static dev.tidemark.migration.CraftedSnapshot.position;
import static dev.tidemark.migration.CraftedSnapshot.rows;
import static dev.tidemark.migration.CraftedSnapshot.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Native SQL in a PostgreSQL archive (index definitions and predicates, defaults, type names, foreign key
 * actions) reaches a restore only in the grammar of its kind: a crafted archive that passes verify is refused
 * before anything is written, and the target, a canary table outside the snapshot included, stays as it was.
 * The genuine constructs of a PostgreSQL schema still restore exactly.
 */
class PostgresCraftedArchiveTest {
    static final String[] SOURCE = {
            "CREATE TYPE mood AS ENUM ('sad', 'happy')",
            "CREATE TABLE orders (id serial PRIMARY KEY, note text DEFAULT 'x'::text, created timestamptz(3) DEFAULT now(),"
                    + " tags text[] DEFAULT '{}'::text[], price numeric(10,2) DEFAULT 0, feeling mood,"
                    + " feelings mood[], email varchar(100), stamp timestamp(3) with time zone"
                    + " DEFAULT CURRENT_TIMESTAMP(3), code char(4) DEFAULT upper(md5('x'::text))::char(4))",
            "CREATE INDEX orders_email ON orders (lower(email) text_pattern_ops DESC NULLS LAST) WHERE note IS NOT NULL",
            "CREATE INDEX orders_tags ON orders USING gin (tags)",
            "CREATE INDEX orders_price ON orders (price) INCLUDE (note) WITH (fillfactor = 70)",
            "CREATE UNIQUE INDEX orders_note ON orders (note COLLATE \"C\") NULLS NOT DISTINCT",
            "CREATE INDEX orders_sum ON orders ((price * 2 + 1), (feeling = ANY (ARRAY['happy'::mood])))"
                    + " WHERE price > 0 AND email !~~ 'x%'",
            "CREATE TABLE items (id integer PRIMARY KEY, order_id integer REFERENCES orders (id) ON DELETE CASCADE,"
                    + " qty integer DEFAULT 1 NOT NULL)",
            "INSERT INTO orders (note, email, tags, price, feeling, feelings)"
                    + " VALUES ('first', 'A@x', '{a}', 1.5, 'happy', '{sad,happy}'), (NULL, 'b@x', '{}', 2, NULL, NULL)",
            "INSERT INTO items VALUES (1, 1, 2)"};

    @TempDir
    Path dir;

    static Stream<Arguments> craftedIndexDefinitions() {
        String genuine = "CREATE INDEX orders_email ON public.orders USING btree (note)";
        return Stream.of(
                genuine + "; DROP TABLE canary; --",
                genuine + " WHERE note = 'a'; DROP TABLE canary; --'",
                genuine + " WHERE note = E'\\''; DROP TABLE canary; --'",
                genuine + " WHERE note = $$a$$; DROP TABLE canary; --",
                genuine + " /* x */; DROP TABLE canary",
                genuine + " -- x\n; DROP TABLE canary",
                "CREATE INDEX orders_email ON public.orders USING btree (note)); DROP TABLE canary; --",
                "CREATE INDEX orders_email ON public.orders USING btree ((SELECT 1))",
                "CREATE INDEX orders_email ON public.orders USING btree (note) TABLESPACE pg_default",
                "DROP TABLE canary").map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("craftedIndexDefinitions")
    void aCraftedIndexDefinitionIsRefused(String payload) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.POSTGRESQL, dir, 2, SOURCE)) {
            int[] at = new int[1];
            snapshot.editSchema(schema -> {
                ObjectNode orders = table(schema, "orders");
                at[0] = position(orders.get("indexes"), "orders_email");
                find(orders.get("indexes"), "orders_email").put("nativeSql", payload);
            });
            snapshot.assertRestoreRefused("table orders: indexes[" + at[0] + "].nativeSql is not a valid PostgreSQL index definition");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"note IS NOT NULL; DROP TABLE canary; --", "(note IS NOT NULL)); DROP TABLE canary; --",
            "note = 'a''; DROP TABLE canary; --", "note IN (SELECT note FROM canary)", "true /* x */"})
    void aCraftedIndexPredicateIsRefused(String payload) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.POSTGRESQL, dir, 2, SOURCE)) {
            int[] at = new int[1];
            snapshot.editSchema(schema -> {
                ObjectNode orders = table(schema, "orders");
                at[0] = position(orders.get("indexes"), "orders_email");
                ObjectNode index = find(orders.get("indexes"), "orders_email");
                index.remove("nativeSql");
                index.putArray("columns").add("note");
                index.put("where", payload);
            });
            snapshot.assertRestoreRefused("table orders: indexes[" + at[0] + "].where is not a valid PostgreSQL index predicate");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"now(); DROP TABLE canary; --", "now()); DROP TABLE canary; --",
            "'x'::text; DROP TABLE canary; --", "(SELECT note FROM canary LIMIT 1)", "$$x$$", "1 CHECK (false)",
            "'a' || E'\\'; DROP TABLE canary; --'"})
    void aCraftedDefaultIsRefused(String payload) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.POSTGRESQL, dir, 2, SOURCE)) {
            int[] at = new int[1];
            snapshot.editSchema(schema -> {
                ObjectNode orders = table(schema, "orders");
                at[0] = position(orders.get("columns"), "created");
                find(orders.get("columns"), "created").put("nativeDefault", payload);
            });
            snapshot.assertRestoreRefused("table orders: columns[" + at[0] + "].nativeDefault is not a valid PostgreSQL default expression");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text; DROP TABLE canary; --", "text); DROP TABLE canary; CREATE TABLE x (y text",
            "text DEFAULT 'a'", "text REFERENCES canary", "mood[]; DROP TABLE canary", "public.\"mood\" -- x"})
    void aCraftedTypeNameIsRefused(String payload) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.POSTGRESQL, dir, 2, SOURCE)) {
            int[] at = new int[1];
            snapshot.editSchema(schema -> {
                ObjectNode orders = table(schema, "orders");
                at[0] = position(orders.get("columns"), "feelings");
                ((ObjectNode) find(orders.get("columns"), "feelings").get("type")).put("nativeType", payload);
            });
            snapshot.assertRestoreRefused("table orders: columns[" + at[0] + "].type.nativeType is not a valid PostgreSQL type name");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CASCADE; DROP TABLE canary; --", "CASCADE ON UPDATE CASCADE", "DROP"})
    void aCraftedForeignKeyActionIsRefused(String payload) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.POSTGRESQL, dir, 1, SOURCE)) {
            snapshot.editSchema(schema -> ((ObjectNode) array(table(schema, "items"), "foreignKeys").get(0)).put("onDelete", payload));
            snapshot.assertRestoreRefused("table items: foreignKeys[0].onDelete is not a valid PostgreSQL referential action");
        }
    }

    @Test
    void anEnumLabelStaysDataOnAServerWithoutStandardConformingStrings() throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.POSTGRESQL, dir, 2, SOURCE)) {
            String label = "\\'); DROP TABLE canary; --";
            String database = snapshot.target.url().substring(snapshot.target.url().lastIndexOf('/') + 1);
            snapshot.target.execute("ALTER DATABASE " + database + " SET standard_conforming_strings = off");
            snapshot.editSchema(schema -> ((com.fasterxml.jackson.databind.node.ArrayNode) schema.get("enumTypes").get("mood")).add(label));

            snapshot.restore();

            assertThat(rows(snapshot.target, "SELECT enumlabel FROM pg_enum ORDER BY enumsortorder"))
                    .containsExactly(List.of("sad"), List.of("happy"), List.of(label));
            assertThat(rows(snapshot.target, "SELECT id, note FROM canary")).containsExactly(List.of("1", "alive"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theGenuineNativeConstructsOfASchemaRestoreExactly(int parallelism) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.POSTGRESQL, dir, parallelism, SOURCE)) {
            snapshot.restore();

            String indexes = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
                    + " AND tablename IN ('orders', 'items') ORDER BY indexname";
            assertThat(rows(snapshot.target, indexes)).isEqualTo(rows(snapshot.source, indexes)).hasSize(7);
            String columns = "SELECT table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision,"
                    + " numeric_scale, datetime_precision, collation_name, column_default, is_nullable FROM information_schema.columns"
                    + " WHERE table_schema = 'public' AND table_name IN ('orders', 'items') AND column_name <> 'id'"
                    + " ORDER BY table_name, ordinal_position";
            assertThat(rows(snapshot.target, columns)).isEqualTo(rows(snapshot.source, columns));
            String keys = "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN"
                    + " ('orders'::regclass, 'items'::regclass) ORDER BY conname";
            assertThat(rows(snapshot.target, keys)).isEqualTo(rows(snapshot.source, keys));
            String data = "SELECT id, note, tags::text, price, feeling, feelings::text, email FROM orders ORDER BY id";
            assertThat(rows(snapshot.target, data)).isEqualTo(rows(snapshot.source, data));
            assertThat(rows(snapshot.target, "SELECT id, note FROM canary")).containsExactly(List.of("1", "alive"));
        }
    }

    @Test
    void aMigrationCopiesTheGenuineConstructs() throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.POSTGRESQL, dir, 2, SOURCE)) {
            snapshot.migrate();

            String indexes = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
                    + " AND tablename IN ('orders', 'items') ORDER BY indexname";
            assertThat(rows(snapshot.target, indexes)).isEqualTo(rows(snapshot.source, indexes)).hasSize(7);
        }
    }
}

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Native SQL in an SQLite archive (index statements and predicates, defaults, declared types, foreign key
 * actions) reaches a restore only in the grammar of its kind: a crafted archive that passes verify is refused
 * before anything is written, and the target, a canary table outside the snapshot included, stays as it was.
 * The genuine constructs of an SQLite schema still restore exactly.
 */
class SqliteCraftedArchiveTest {
    static final String[] SOURCE = {
            "CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT DEFAULT 'x',"
                    + " created TEXT DEFAULT (datetime('now')), price NUMERIC(10,2) DEFAULT -1,"
                    + " email VARCHAR(100) COLLATE NOCASE, code TEXT DEFAULT (upper('a') || 'b'), misc DEFAULT (1 /* one */ + 1))",
            "CREATE INDEX orders_note ON orders(note) WHERE note IS NOT NULL",
            "CREATE INDEX orders_email ON orders(lower(email) COLLATE NOCASE DESC, \"price\") /* kept as typed */",
            "CREATE UNIQUE INDEX IF NOT EXISTS orders_code ON orders([code]) WHERE price > 0 AND code GLOB 'A*'",
            "CREATE TABLE items (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id) ON DELETE CASCADE"
                    + " ON UPDATE SET NULL, qty INTEGER NOT NULL DEFAULT 1)",
            "INSERT INTO orders (note, price, email, code) VALUES ('first', 1.5, 'A@x', 'Ab'), (NULL, 2, 'b@x', 'c')",
            "INSERT INTO items VALUES (1, 1, 2)"};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"DROP TABLE canary", "CREATE INDEX x ON orders(note); DROP TABLE canary",
            "CREATE INDEX x ON orders(note) WHERE note = 'a'; ATTACH DATABASE 'x.db' AS x; --'",
            "CREATE INDEX x ON orders(note) WHERE 1) , (2", "CREATE INDEX x ON orders(note) WHERE note IN (SELECT note FROM canary)",
            "CREATE INDEX x ON orders(note) WHERE note = :value", "backup to 'stolen.db'", "restore from 'other.db'"})
    void aCraftedIndexStatementIsRefused(String payload) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.SQLITE, dir, 1, SOURCE)) {
            int[] at = new int[1];
            snapshot.editSchema(schema -> {
                ObjectNode orders = table(schema, "orders");
                at[0] = position(orders.get("indexes"), "orders_note");
                find(orders.get("indexes"), "orders_note").put("nativeSql", payload);
            });
            snapshot.assertRestoreRefused("table orders: indexes[" + at[0] + "].nativeSql is not a valid SQLite index definition");
            assertThat(dir.resolve("stolen.db")).doesNotExist();
        }
    }

    @Test
    void aCommentInAnIndexStatementIsDroppedNotRun() throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.SQLITE, dir, 1, SOURCE)) {
            snapshot.editSchema(schema -> find(table(schema, "orders").get("indexes"), "orders_note")
                    .put("nativeSql", "CREATE INDEX x ON canary(note) /* ; DROP TABLE canary; */ -- ; DROP TABLE canary"));

            snapshot.restore();

            assertThat(rows(snapshot.target, "SELECT sql FROM sqlite_schema WHERE name = 'orders_note'"))
                    .containsExactly(List.of("CREATE INDEX \"orders_note\" ON \"orders\" (note)"));
            assertThat(rows(snapshot.target, "SELECT id, note FROM canary")).containsExactly(List.of("1", "alive"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"note IS NOT NULL; DROP TABLE canary", "1) ; DROP TABLE canary", "note IN (SELECT note FROM canary)",
            "note = ?"})
    void aCraftedIndexPredicateIsRefused(String payload) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.SQLITE, dir, 1, SOURCE)) {
            int[] at = new int[1];
            snapshot.editSchema(schema -> {
                ObjectNode orders = table(schema, "orders");
                at[0] = position(orders.get("indexes"), "orders_note");
                ObjectNode index = find(orders.get("indexes"), "orders_note");
                index.remove("nativeSql");
                index.put("where", payload);
            });
            snapshot.assertRestoreRefused("table orders: indexes[" + at[0] + "].where is not a valid SQLite index predicate");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"'x'); DROP TABLE canary; --", "datetime('now')) , x TEXT DEFAULT (1", "(SELECT note FROM canary)",
            "'x' COLLATE NOCASE", "1 REFERENCES canary"})
    void aCraftedDefaultIsRefused(String payload) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.SQLITE, dir, 1, SOURCE)) {
            int[] at = new int[1];
            snapshot.editSchema(schema -> {
                ObjectNode orders = table(schema, "orders");
                at[0] = position(orders.get("columns"), "created");
                find(orders.get("columns"), "created").put("nativeDefault", payload);
            });
            snapshot.assertRestoreRefused("table orders: columns[" + at[0] + "].nativeDefault is not a valid SQLite default expression");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TEXT); DROP TABLE canary; --", "TEXT REFERENCES canary (id) ON DELETE CASCADE", "TEXT, x TEXT",
            "TEXT DEFAULT 1"})
    void aCraftedTypeNameIsRefused(String payload) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.SQLITE, dir, 1, SOURCE)) {
            int[] at = new int[1];
            snapshot.editSchema(schema -> {
                ObjectNode orders = table(schema, "orders");
                at[0] = position(orders.get("columns"), "email");
                ((ObjectNode) find(orders.get("columns"), "email").get("type")).put("nativeType", payload);
            });
            snapshot.assertRestoreRefused("table orders: columns[" + at[0] + "].type.nativeType is not a valid SQLite type name");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CASCADE); DROP TABLE canary; --", "CASCADE, FOREIGN KEY (order_id) REFERENCES canary (id)", "DROP"})
    void aCraftedForeignKeyActionIsRefused(String payload) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.SQLITE, dir, 1, SOURCE)) {
            snapshot.editSchema(schema -> ((ObjectNode) array(table(schema, "items"), "foreignKeys").get(0)).put("onDelete", payload));
            snapshot.assertRestoreRefused("table items: foreignKeys[0].onDelete is not a valid SQLite referential action");
        }
    }

    @Test
    void theGenuineNativeConstructsOfASchemaRestoreExactly() throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.SQLITE, dir, 1, SOURCE)) {
            snapshot.restore();

            for (String table : List.of("orders", "items")) {
                String columns = "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo('" + table + "')"
                        + " WHERE name <> 'misc'";
                assertThat(rows(snapshot.target, columns)).as(table).isEqualTo(rows(snapshot.source, columns));
            }
            // comments are read as whitespace and not written out again
            assertThat(rows(snapshot.target, "SELECT dflt_value FROM pragma_table_xinfo('orders') WHERE name = 'misc'"))
                    .containsExactly(List.of("1 + 1"));
            String keys = "SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('items')";
            assertThat(rows(snapshot.target, keys)).isEqualTo(rows(snapshot.source, keys));
            String indexes = "SELECT l.name, l.\"unique\", l.partial, x.seqno, x.cid, x.name, x.\"desc\", x.coll"
                    + " FROM pragma_index_list('orders') l, pragma_index_xinfo(l.name) x WHERE l.origin = 'c' ORDER BY 1, 4";
            assertThat(rows(snapshot.target, indexes)).isEqualTo(rows(snapshot.source, indexes)).isNotEmpty();
            assertThat(rows(snapshot.target, "SELECT sql FROM sqlite_schema WHERE name = 'orders_code'"))
                    .containsExactly(List.of("CREATE UNIQUE INDEX \"orders_code\" ON \"orders\" ([code]) WHERE price > 0"
                            + " AND code GLOB 'A*'"));
            String data = "SELECT id, note, created IS NOT NULL, price, email, code, misc FROM orders ORDER BY id";
            assertThat(rows(snapshot.target, data)).isEqualTo(rows(snapshot.source, data));
            assertThat(rows(snapshot.target, "SELECT id, note FROM canary")).containsExactly(List.of("1", "alive"));
        }
    }
}

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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Native SQL in a MariaDB archive (index statements, defaults, column types, ON UPDATE clauses, table options,
 * foreign key actions) reaches a restore only in the grammar of its kind: a crafted archive that passes verify is
 * refused before anything is written, and the target, a canary table outside the snapshot included, stays as it
 * was. The genuine constructs of a MariaDB schema still restore exactly.
 */
class MariadbCraftedArchiveTest {
    static final String[] SOURCE = {
            "CREATE TABLE orders (id int AUTO_INCREMENT PRIMARY KEY, note varchar(100) DEFAULT 'x',"
                    + " created datetime(3) DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3), body text,"
                    + " price decimal(10,2) unsigned DEFAULT 0.5, kind enum('a','b''c') DEFAULT 'a', token char(36) DEFAULT uuid(),"
                    + " n int(10) unsigned zerofill DEFAULT 5, later datetime DEFAULT (now() + interval 1 day),"
                    + " latin varchar(10) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT 'it''s', flags bit(3) DEFAULT b'101',"
                    + " KEY body_prefix (body(10), note), FULLTEXT KEY ft (note)) ENGINE=InnoDB COLLATE=utf8mb4_unicode_ci",
            "CREATE TABLE items (id int PRIMARY KEY, order_id int, CONSTRAINT items_order FOREIGN KEY (order_id)"
                    + " REFERENCES orders (id) ON DELETE CASCADE ON UPDATE SET NULL)",
            "INSERT INTO orders (note, body, price, kind) VALUES ('first', 'a body', 1.5, 'b''c'), (NULL, NULL, 2, 'a')",
            "INSERT INTO items VALUES (1, 1)"};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"DROP TABLE canary", "CREATE INDEX `body_prefix` ON `orders` (`body`(10)); DROP TABLE canary",
            "CREATE INDEX `body_prefix` ON `orders` (`body`(10)) /*!99999, ALGORITHM=COPY */",
            "CREATE INDEX `body_prefix` ON `orders` (`body`(10)) # x", "CREATE INDEX `body_prefix` ON `orders` ((note))",
            "CREATE INDEX `body_prefix` ON `orders` (`body`(10)) USING BTREE", "RENAME TABLE canary TO gone"})
    void aCraftedIndexStatementIsRefused(String payload) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.MARIADB, dir, 2, SOURCE)) {
            int[] at = new int[1];
            snapshot.editSchema(schema -> {
                ObjectNode orders = table(schema, "orders");
                at[0] = position(orders.get("indexes"), "body_prefix");
                find(orders.get("indexes"), "body_prefix").put("nativeSql", payload);
            });
            snapshot.assertRestoreRefused("table orders: indexes[" + at[0] + "].nativeSql is not a valid MySQL/MariaDB index definition");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"uuid()); DROP TABLE canary", "'x'; DROP TABLE canary", "(SELECT note FROM canary LIMIT 1)",
            "1 /*!, x int */", "'x' COLLATE latin1_bin", "@@version", "uuid() COMMENT 'x'", "'x\\'; DROP TABLE canary; --"})
    void aCraftedDefaultIsRefused(String payload) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.MARIADB, dir, 2, SOURCE)) {
            int[] at = new int[1];
            snapshot.editSchema(schema -> {
                ObjectNode orders = table(schema, "orders");
                at[0] = position(orders.get("columns"), "token");
                find(orders.get("columns"), "token").put("nativeDefault", payload);
            });
            snapshot.assertRestoreRefused("table orders: columns[" + at[0] + "].nativeDefault is not a valid MySQL/MariaDB default expression");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"varchar(100); DROP TABLE canary", "varchar(100) COMMENT 'x'", "varchar(100), x int",
            "varchar(100) /*!, y int */", "varchar(100) AS (1) VIRTUAL"})
    void aCraftedTypeNameIsRefused(String payload) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.MARIADB, dir, 2, SOURCE)) {
            int[] at = new int[1];
            snapshot.editSchema(schema -> {
                ObjectNode orders = table(schema, "orders");
                at[0] = position(orders.get("columns"), "note");
                ((ObjectNode) find(orders.get("columns"), "note").get("type")).put("nativeType", payload);
            });
            snapshot.assertRestoreRefused("table orders: columns[" + at[0] + "].type.nativeType is not a valid MySQL/MariaDB type name");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "mysql.onUpdate.created|on update current_timestamp(3), x int|ON UPDATE clause",
            "mysql.onUpdate.created|on update (SELECT 1)|ON UPDATE clause",
            "mysql.onUpdate.created|on update now(); DROP TABLE canary|ON UPDATE clause",
            "mysql.onUpdate.created|on update uuid()|ON UPDATE clause",
            "mysql.engine|InnoDB; DROP TABLE canary|storage engine name",
            "mysql.engine|InnoDB COMMENT='x'|storage engine name",
            "mysql.engine|InnoDB SELECT * FROM canary|storage engine name",
            "mysql.collation|utf8mb4_bin; DROP TABLE canary|collation name",
            "mysql.collation|utf8mb4_bin SELECT * FROM canary|collation name"})
    void aCraftedTableOptionIsRefused(String option, String payload, String kind) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.MARIADB, dir, 2, SOURCE)) {
            snapshot.editSchema(schema -> ((ObjectNode) table(schema, "orders").get("options")).put(option, payload));
            snapshot.assertRestoreRefused("table orders: options." + option + " is not a valid MySQL/MariaDB " + kind);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CASCADE; DROP TABLE canary", "CASCADE, ADD COLUMN x int", "DROP"})
    void aCraftedForeignKeyActionIsRefused(String payload) throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.MARIADB, dir, 1, SOURCE)) {
            snapshot.editSchema(schema -> ((ObjectNode) array(table(schema, "items"), "foreignKeys").get(0)).put("onDelete", payload));
            snapshot.assertRestoreRefused("table items: foreignKeys[0].onDelete is not a valid MySQL/MariaDB referential action");
        }
    }

    @Test
    void theGenuineNativeConstructsOfASchemaRestoreExactly() throws Exception {
        try (CraftedSnapshot snapshot = CraftedSnapshot.of(Backend.MARIADB, dir, 2, SOURCE)) {
            snapshot.restore();

            String columns = "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, COLUMN_TYPE, EXTRA, CHARACTER_SET_NAME,"
                    + " COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME IN ('orders', 'items') ORDER BY TABLE_NAME, ORDINAL_POSITION";
            assertThat(rows(snapshot.target, columns)).isEqualTo(rows(snapshot.source, columns));
            String indexes = "SELECT TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE, NON_UNIQUE"
                    + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('orders', 'items')"
                    + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";
            assertThat(rows(snapshot.target, indexes)).isEqualTo(rows(snapshot.source, indexes));
            String keys = "SELECT CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE, REFERENCED_TABLE_NAME"
                    + " FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()";
            assertThat(rows(snapshot.target, keys)).isEqualTo(rows(snapshot.source, keys)).hasSize(1);
            String tables = "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('orders', 'items') ORDER BY 1";
            assertThat(rows(snapshot.target, tables)).isEqualTo(rows(snapshot.source, tables));
            String data = "SELECT id, note, body, price, kind, n, latin, flags + 0 FROM orders ORDER BY id";
            assertThat(rows(snapshot.target, data)).isEqualTo(rows(snapshot.source, data));
            assertThat(rows(snapshot.target, "SELECT id, note FROM canary")).containsExactly(List.of("1", "alive"));
        }
    }
}

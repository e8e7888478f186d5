package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSource;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A restore either replaces everything it was asked to or leaves the target exactly as it was. */
class MysqlRestoreAtomicityTest {
    private ScratchDatabase source;
    private ScratchDatabase target;

    @BeforeEach
    void create() throws Exception {
        source = new ScratchDatabase();
        target = new ScratchDatabase();
        MysqlFixture.create(source);
    }

    @AfterEach
    void drop() throws Exception {
        source.close();
        target.close();
    }

    private Map<String, List<String>> targetState() throws Exception {
        Map<String, List<String>> state = new java.util.TreeMap<>();
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                List<String> facts = new ArrayList<>(NativeCompare.rows(connection, table, "1"));
                facts.add(NativeCompare.createTable(connection, table));
                state.put(table, facts);
            }
        }
        return state;
    }

    /** Rows of {@code table} from the source, failing with an IOException after {@code failAfter} rows. */
    private static RowSource failingAfter(List<String[]> rows, int failAfter) {
        int[] served = {0};
        return () -> {
            if (served[0] == failAfter) {
                throw new IOException("archive part truncated");
            }
            return served[0] < rows.size() ? rows.get(served[0]++) : null;
        };
    }

    private void restoreFailingIn(String failingTable, boolean replace) throws Exception {
        try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.ONLINE, 1);
             RestoreSession restore = target.dialect().openRestore(1)) {
            Schema schema = snapshot.schema();
            restore.prepare(schema, replace);
            for (Table table : schema.tables()) {
                List<String[]> rows = SpiRows.export(snapshot, table);
                if (table.name().equals(failingTable)) {
                    assertThatThrownBy(() -> restore.load(table, failingAfter(rows, 2)))
                            .hasMessageContaining("archive part truncated");
                    return;
                }
                restore.load(table, SpiRows.source(rows));
            }
            throw new AssertionError("table " + failingTable + " not in the schema");
        }
    }

    @Test
    void aLoadFailingHalfWayLeavesAnEmptyTargetEmpty() throws Exception {
        restoreFailingIn("tree", false);
        assertThat(targetState()).isEmpty();
    }

    @Test
    void aLoadFailingHalfWayLeavesExistingTablesUnchanged() throws Exception {
        target.execute("CREATE TABLE tree (id int PRIMARY KEY, note varchar(10))", "INSERT INTO tree VALUES (7, 'keep')",
                "CREATE TABLE bystander (x int)", "INSERT INTO bystander VALUES (1)");
        Map<String, List<String>> before = targetState();
        restoreFailingIn("tree", true);
        assertThat(targetState()).isEqualTo(before);
    }

    @Test
    void aBadValueFailsTheRestoreAndLeavesTheTargetUnchanged() throws Exception {
        target.execute("CREATE TABLE bystander (x int)", "INSERT INTO bystander VALUES (1)");
        Map<String, List<String>> before = targetState();
        try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.ONLINE, 1);
             RestoreSession restore = target.dialect().openRestore(1)) {
            Schema schema = snapshot.schema();
            restore.prepare(schema, false);
            Table order = schema.table("Order").orElseThrow();
            List<String[]> rows = new ArrayList<>(SpiRows.export(snapshot, order));
            String[] bad = rows.get(0).clone();
            bad[0] = "not a number";
            rows.add(bad);
            assertThatThrownBy(() -> restore.load(order, SpiRows.source(rows)))
                    .isInstanceOf(TidemarkException.class).hasMessageContaining("Order");
        }
        assertThat(targetState()).isEqualTo(before);
    }

    @Test
    void existingTablesAreAConflictWithoutReplace() throws Exception {
        target.execute("CREATE TABLE tree (id int PRIMARY KEY)");
        Map<String, List<String>> before = targetState();
        try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.ONLINE, 1);
             RestoreSession restore = target.dialect().openRestore(1)) {
            assertThatThrownBy(() -> restore.prepare(snapshot.schema(), false))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.TARGET_CONFLICT);
                        assertThat(e.getMessage()).contains("tree");
                    });
        }
        assertThat(targetState()).isEqualTo(before);
    }

    @Test
    void replaceSwapsTheRestoredTablesAndLeavesOthersAlone() throws Exception {
        target.execute("CREATE TABLE tree (id int PRIMARY KEY, note varchar(10))", "INSERT INTO tree VALUES (7, 'old')",
                "CREATE TABLE bystander (x int)", "INSERT INTO bystander VALUES (1)");
        List<String> bystander = targetState().get("bystander");
        try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.ONLINE, 1);
             RestoreSession restore = target.dialect().openRestore(1)) {
            SpiRows.copy(snapshot, restore, true);
        }
        Map<String, List<String>> after = targetState();
        assertThat(after.keySet()).containsExactlyInAnyOrder("Order", "order_line", "all_types", "tree", "no_key",
                "empty", "bystander");
        assertThat(after.get("bystander")).isEqualTo(bystander);
        try (Connection from = source.connect(); Connection to = target.connect()) {
            NativeCompare.assertSameTable(from, to, "tree", "id");
        }
    }

    @Test
    void foreignKeysOfUntouchedTablesStillReferenceTheReplacedTable() throws Exception {
        target.execute("CREATE TABLE tree (id bigint PRIMARY KEY)", "INSERT INTO tree VALUES (1), (2)",
                "CREATE TABLE bystander (x int, tree_id bigint, CONSTRAINT fk_bystander_tree FOREIGN KEY (tree_id)"
                        + " REFERENCES tree (id) ON DELETE CASCADE)",
                "INSERT INTO bystander VALUES (1, 2)");
        String before = targetState().get("bystander").get(1);
        try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.ONLINE, 1);
             RestoreSession restore = target.dialect().openRestore(1)) {
            SpiRows.copy(snapshot, restore, true);
        }
        assertThat(targetState().get("bystander").get(1)).isEqualTo(before).contains("REFERENCES `tree`");
        target.execute("DELETE FROM tree WHERE id = 2");
        assertThat(targetState().get("bystander")).hasSize(1);
    }

    @Test
    void restoringAgainWithReplaceKeepsForeignKeyNames() throws Exception {
        for (int round = 0; round < 2; round++) {
            try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.ONLINE, 1);
                 RestoreSession restore = target.dialect().openRestore(1)) {
                SpiRows.copy(snapshot, restore, true);
            }
        }
        try (Connection from = source.connect(); Connection to = target.connect()) {
            for (var entry : MysqlFixture.TABLES.entrySet()) {
                NativeCompare.assertSameTable(from, to, entry.getKey(), entry.getValue());
            }
        }
        assertThat(targetState().keySet()).noneMatch(name -> name.startsWith("_tm_"));
    }

    @Test
    void aSecondRestoreIntoTheSameDatabaseIsRefusedWhileOneRuns() throws Exception {
        try (RestoreSession first = target.dialect().openRestore(1)) {
            assertThatThrownBy(() -> target.dialect().openRestore(1))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BUSY));
        }
        target.dialect().openRestore(1).close();
    }

    @Test
    void leftoversOfAKilledRestoreAreRemovedByTheNextOne() throws Exception {
        target.execute("CREATE TABLE `_tm_abc123_s0` (x int)", "CREATE TABLE `_tm_keepme` (x int)");
        try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.ONLINE, 1);
             RestoreSession restore = target.dialect().openRestore(1)) {
            SpiRows.copy(snapshot, restore, false);
        }
        assertThat(targetState()).doesNotContainKey("_tm_abc123_s0").containsKey("_tm_keepme");
    }
}

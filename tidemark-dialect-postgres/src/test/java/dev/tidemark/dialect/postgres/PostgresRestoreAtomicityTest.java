package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSource;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every case runs on one connection (one transaction) and on three (a staging schema moved in at the end). */
class PostgresRestoreAtomicityTest {
    private static final String ITEMS_BEFORE = "SELECT * FROM items ORDER BY id";
    private ScratchDatabase target;
    private List<List<String>> itemsBefore;

    @BeforeEach
    void createTarget() throws Exception {
        target = new ScratchDatabase();
        target.execute("CREATE TABLE items (id integer PRIMARY KEY, label text)",
                "INSERT INTO items VALUES (1, 'old one'), (2, 'old two')",
                "CREATE TABLE other (id integer PRIMARY KEY)", "INSERT INTO other VALUES (1)");
        itemsBefore = target.rows(ITEMS_BEFORE);
    }

    @AfterEach
    void dropTarget() throws Exception {
        target.close();
    }

    private static Table table(String name) {
        return new Table(name, List.of(
                new Column("id", ColumnType.of(PortableType.INTEGER, "integer"), false, null, null, false),
                new Column("label", ColumnType.of(PortableType.TEXT, "text"), true, null, null, false)),
                List.of("id"), List.of(), List.of(), List.of(), null, Map.of());
    }

    private static final Schema SCHEMA = new Schema(List.of(table("fresh"), table("items")));

    private static List<String[]> rows(int count, String label) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(new String[] {Integer.toString(i), label + " " + i});
        }
        return rows;
    }

    private void assertTargetUnchanged() throws Exception {
        assertThat(target.rows(ITEMS_BEFORE)).isEqualTo(itemsBefore);
        assertThat(target.single("SELECT to_regclass('fresh')")).isNull();
        assertThat(target.single("SELECT count(*) FROM other")).isEqualTo("1");
        assertThat(target.single("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '\\_tm\\_%'")).isEqualTo("0");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void sourceFailingHalfWayLeavesTargetAsItWas(int parallelism) throws Exception {
        List<String[]> many = rows(5000, "new");
        int[] served = {0};
        RowSource failing = () -> {
            if (served[0] == 2500) {
                throw new IOException("archive truncated");
            }
            return many.get(served[0]++);
        };
        try (RestoreSession session = target.dialect().openRestore(parallelism)) {
            session.prepare(SCHEMA, true);
            session.load(SCHEMA.tables().get(0), SpiRows.source(rows(10, "fresh")));
            assertThatThrownBy(() -> session.load(SCHEMA.tables().get(1), failing)).hasMessageContaining("archive truncated");
        }
        assertTargetUnchanged();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void badValueForTheTargetTypeFailsWithTheTableNamedAndChangesNothing(int parallelism) throws Exception {
        List<String[]> bad = rows(100, "new");
        bad.set(50, new String[] {"not a number", "x"});
        try (RestoreSession session = target.dialect().openRestore(parallelism)) {
            session.prepare(SCHEMA, true);
            session.load(SCHEMA.tables().get(0), SpiRows.source(rows(3, "fresh")));
            assertThatThrownBy(() -> session.load(SCHEMA.tables().get(1), SpiRows.source(bad)))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.DATABASE_ERROR);
                        assertThat(e.getMessage()).contains("table items").contains("not a number").doesNotContain("\n");
                    });
        }
        assertTargetUnchanged();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void existingTablesAreRefusedWithoutReplaceBeforeAnythingIsWritten(int parallelism) throws Exception {
        try (RestoreSession session = target.dialect().openRestore(parallelism)) {
            assertThatThrownBy(() -> session.prepare(SCHEMA, false))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.TARGET_CONFLICT);
                        assertThat(e.getMessage()).contains("items").doesNotContain("fresh");
                        assertThat(e.hint()).contains("--replace");
                    });
        }
        assertTargetUnchanged();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void namesPostgresCannotHoldAreRefusedBeforeAnythingIsWritten(int parallelism) throws Exception {
        String tooLong = "t".repeat(60) + "äö"; // 64 bytes in UTF-8
        Table duplicateColumns = new Table("dup", List.of(
                new Column("Name", ColumnType.of(PortableType.TEXT, "text"), true, null, null, false),
                new Column("Name", ColumnType.of(PortableType.TEXT, "text"), true, null, null, false)),
                List.of(), List.of(), List.of(), List.of(), null, Map.of());
        for (Schema schema : List.of(new Schema(List.of(table("fresh"), table(tooLong))),
                                     new Schema(List.of(table("fresh"), duplicateColumns)))) {
            try (RestoreSession session = target.dialect().openRestore(parallelism)) {
                assertThatThrownBy(() -> session.prepare(schema, true))
                        .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG));
            }
        }
        assertTargetUnchanged();
        // mixed case and reserved words are distinct names, kept exactly
        SpiRows.restore(target.dialect(), new Schema(List.of(table("Fresh"), table("FRESH"), table("user"))), Map.of(), false, parallelism);
        assertThat(target.rows("SELECT relname FROM pg_class WHERE relname IN ('Fresh', 'FRESH', 'user') ORDER BY 1"))
                .containsExactly(List.of("FRESH"), List.of("Fresh"), List.of("user"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void replaceSwapsConflictingTablesAndLeavesOthersAlone(int parallelism) throws Exception {
        SpiRows.restore(target.dialect(), SCHEMA, Map.of("fresh", rows(2, "fresh"), "items", rows(3, "new")), true, parallelism);
        assertThat(target.rows(ITEMS_BEFORE)).containsExactly(List.of("1", "new 1"), List.of("2", "new 2"), List.of("3", "new 3"));
        assertThat(target.single("SELECT count(*) FROM fresh")).isEqualTo("2");
        assertThat(target.single("SELECT count(*) FROM other")).isEqualTo("1");
        assertThat(target.single("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '\\_tm\\_%'")).isEqualTo("0");
        assertThat(target.single("SELECT conname FROM pg_constraint WHERE conrelid = 'items'::regclass AND contype = 'p'"))
                .isEqualTo("items_pkey");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void duplicateKeysInTheSnapshotFailAtTheKeyBuildAndChangeNothing(int parallelism) throws Exception {
        List<String[]> duplicated = rows(100, "new");
        duplicated.set(70, new String[] {"7", "again"});
        try (RestoreSession session = target.dialect().openRestore(parallelism)) {
            session.prepare(SCHEMA, true);
            session.load(SCHEMA.tables().get(0), SpiRows.source(rows(3, "fresh")));
            session.load(SCHEMA.tables().get(1), SpiRows.source(duplicated));
            assertThatThrownBy(() -> session.finish(SCHEMA)).hasMessageContaining("items_pkey");
        }
        assertTargetUnchanged();
    }

    @Test
    void aParallelRestoreRemovesStagingSchemasOfKilledRestoresButNotOfRunningOnes() throws Exception {
        target.execute("CREATE SCHEMA _tm_restore_dead", "CREATE TABLE _tm_restore_dead.items (id integer)",
                "INSERT INTO _tm_restore_dead.items VALUES (1)");
        try (java.sql.Connection running = target.connect(); java.sql.Statement statement = running.createStatement()) {
            statement.execute("CREATE SCHEMA _tm_restore_alive");
            statement.execute("SELECT pg_advisory_lock(" + 0x746d + ", hashtext('_tm_restore_alive'))");
            SpiRows.restore(target.dialect(), new Schema(List.of(table("fresh"))), Map.of("fresh", rows(2, "x")), false, 3);
            assertThat(target.rows("SELECT nspname FROM pg_namespace WHERE nspname LIKE '\\_tm\\_%' ORDER BY 1"))
                    .containsExactly(List.of("_tm_restore_alive"));
            statement.execute("DROP SCHEMA _tm_restore_alive");
        }
        assertThat(target.single("SELECT count(*) FROM fresh")).isEqualTo("2");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void replacingATableOthersDependOnIsRefusedAndChangesNothing(int parallelism) throws Exception {
        target.execute("CREATE TABLE refs (item_id integer REFERENCES items (id))");
        try (RestoreSession session = target.dialect().openRestore(parallelism)) {
            assertThatThrownBy(() -> session.prepare(SCHEMA, true))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TARGET_CONFLICT));
        }
        assertTargetUnchanged();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void droppedConnectionMidLoadLeavesTargetAsItWas(int parallelism) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        CountDownLatch halfWay = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        List<String[]> many = rows(20000, "new");
        int[] served = {0};
        RowSource slow = () -> {
            if (served[0] == 10000) {
                halfWay.countDown();
                try {
                    killed.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return served[0] < many.size() ? many.get(served[0]++) : null;
        };
        try {
            Future<?> loadItems = thread.submit(() -> {
                try (RestoreSession session = target.dialect().openRestore(parallelism)) {
                    session.prepare(SCHEMA, true);
                    session.load(SCHEMA.tables().get(0), SpiRows.source(rows(5, "fresh")));
                    session.load(SCHEMA.tables().get(1), slow);
                    session.finish(SCHEMA);
                    session.commit();
                }
                return null;
            });
            assertThat(halfWay.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(target.single("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND query LIKE 'COPY%' AND pid <> pg_backend_pid()")).isEqualTo("1");
            killed.countDown();
            assertThatThrownBy(() -> loadItems.get(30, TimeUnit.SECONDS)).hasMessageContaining("items");
        } finally {
            killed.countDown();
            thread.shutdownNow();
        }
        assertTargetUnchanged();
    }
}

package dev.tidemark.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.Tidemark;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import dev.tidemark.source.SnapshotSource;

/**
 * A consistent archive whose rows break a declared foreign key (written from SQLite with enforcement off, as
 * SQLite allows) is refused by every backend with the same one-line message, and the target keeps what it had.
 * Keys with a NULL column reference nothing (MATCH SIMPLE) and restore everywhere.
 */
class ForeignKeyViolationRestoreTest {
    private static final String ORPHAN_ORDER = "table orders violates its foreign key on (customer_id): key (customer_id)=(99)"
            + " is not in table customers";

    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void dropScratchDatabases() throws Exception {
        Collections.reverse(cleanup);
        for (AutoCloseable closeable : cleanup) {
            closeable.close();
        }
    }

    static Stream<Arguments> targets() {
        return Stream.of(Backend.values()).flatMap(backend -> Stream.of(Arguments.of(backend, 1), Arguments.of(backend, 3)));
    }

    @ParameterizedTest(name = "{0}, {1} loader(s)")
    @MethodSource("targets")
    void rowsBreakingAForeignKeyAreRefusedAndTheTargetKeepsItsTables(Backend backend, int parallelism) throws Exception {
        ScratchDatabase source = scratch(Backend.SQLITE);
        source.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id), note TEXT)",
                "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace')",
                "INSERT INTO orders VALUES (10, 1, 'kept'), (11, NULL, 'no customer'), (12, 99, 'orphan'), (13, 2, 'kept')");
        ScratchDatabase target = scratch(backend);
        target.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO customers VALUES (7, 'before the restore')",
                "CREATE TABLE canary (id INTEGER PRIMARY KEY)", "INSERT INTO canary VALUES (1)");
        Tidemark tidemark = tidemark(source, parallelism);
        SnapshotEntry snapshot = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
        assertThat(tidemark.verify(snapshot.id(), new JobProgress("verify", snapshot.id())).rows()).isEqualTo(6);

        assertThatThrownBy(() -> tidemark.restore(snapshot.id(), target.url(), true, new JobProgress("restore", snapshot.id())))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.DATABASE_ERROR);
                    assertThat(e.getMessage()).isEqualTo(ORPHAN_ORDER);
                });
        assertThat(tables(target)).containsExactlyInAnyOrder("canary", "customers");
        assertThat(rows(target, "SELECT id, name FROM customers")).containsExactly("7|before the restore");
        assertThat(rows(target, "SELECT id FROM canary")).containsExactly("1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void keysWithANullColumnReferenceNothing(Backend backend) throws Exception {
        ScratchDatabase source = scratch(Backend.SQLITE);
        source.execute("CREATE TABLE lines (order_id INTEGER NOT NULL, line_no INTEGER NOT NULL, item TEXT,"
                        + " PRIMARY KEY (order_id, line_no))",
                "CREATE TABLE shipments (id INTEGER PRIMARY KEY, order_id INTEGER, line_no INTEGER,"
                        + " FOREIGN KEY (order_id, line_no) REFERENCES lines (order_id, line_no))",
                "INSERT INTO lines VALUES (1, 1, 'pen'), (1, 2, 'ink')",
                "INSERT INTO shipments VALUES (1, 1, 2), (2, 5, NULL), (3, NULL, 9), (4, NULL, NULL)");
        ScratchDatabase target = scratch(backend);

        tidemark(source, 2).restore(snapshot(source), target.url(), false, new JobProgress("restore", null));

        assertThat(rows(target, "SELECT id, order_id, line_no FROM shipments ORDER BY id"))
                .containsExactly("1|1|2", "2|5|null", "3|null|9", "4|null|null");
    }

    @Test
    void aMariadbKeyToATableOutsideTheSnapshotIsCheckedAgainstTheTargetsTable() throws Exception {
        ScratchDatabase source = scratch(Backend.SQLITE);
        // SQLite lets a key name a table the database does not have
        source.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id))",
                "INSERT INTO orders VALUES (10, 1), (11, 2), (12, NULL)");
        String id = snapshot(source);
        ScratchDatabase withCustomer1 = scratch(Backend.MARIADB);
        withCustomer1.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)", "INSERT INTO customers VALUES (1)");
        ScratchDatabase withoutCustomers = scratch(Backend.MARIADB);
        Tidemark tidemark = tidemark(source, 2);

        for (ScratchDatabase target : List.of(withCustomer1, withoutCustomers)) {
            assertThatThrownBy(() -> tidemark.restore(id, target.url(), false, new JobProgress("restore", id)))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.getMessage()).isEqualTo(
                            "table orders violates its foreign key on (customer_id): key (customer_id)="
                                    + (target == withCustomer1 ? "(2)" : "(1)") + " is not in table customers"));
            assertThat(tables(target)).isEqualTo(target == withCustomer1 ? List.of("customers") : List.of());
        }

        withCustomer1.execute("INSERT INTO customers VALUES (2)");
        tidemark.restore(id, withCustomer1.url(), false, new JobProgress("restore", id));
        assertThat(rows(withCustomer1, "SELECT id, customer_id FROM orders ORDER BY id"))
                .containsExactly("10|1", "11|2", "12|null");
    }

    @Test
    void mariadbKeysOfTablesOutsideTheRestoreMustFindTheirRowsInTheTableItReplaces() throws Exception {
        ScratchDatabase source = scratch(Backend.SQLITE);
        source.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO customers VALUES (1, 'Ada')");
        String id = snapshot(source);
        ScratchDatabase target = scratch(Backend.MARIADB);
        target.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name TEXT)",
                "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace')",
                "CREATE TABLE invoices (id INTEGER PRIMARY KEY, customer_id BIGINT,"
                        + " CONSTRAINT invoices_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id))",
                "INSERT INTO invoices VALUES (100, 1), (101, 2)");
        Tidemark tidemark = tidemark(source, 2);

        assertThatThrownBy(() -> tidemark.restore(id, target.url(), true, new JobProgress("restore", id)))
                .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "table invoices violates foreign key invoices_customer_fk: key (customer_id)=(2) is not in table"
                                + " customers"));
        assertThat(rows(target, "SELECT id, name FROM customers ORDER BY id")).containsExactly("1|Ada", "2|Grace");
        assertThat(tables(target)).containsExactlyInAnyOrder("customers", "invoices");

        target.execute("DELETE FROM invoices WHERE id = 101");
        tidemark.restore(id, target.url(), true, new JobProgress("restore", id));
        assertThat(rows(target, "SELECT id, name FROM customers")).containsExactly("1|Ada");
    }

    static Stream<Backend> backends() {
        return Stream.of(Backend.values());
    }

    private ScratchDatabase scratch(Backend backend) throws SQLException {
        ScratchDatabase db = ScratchDatabase.create(backend, dir);
        cleanup.add(db);
        return db;
    }

    private Tidemark tidemark(ScratchDatabase main, int parallelism) {
        Tidemark tidemark = new Tidemark(TidemarkConfig.fromEnvironment(Map.of(
                "DATA_DIR", dir.resolve("data").toString(), "DATABASE_URL", main.url(),
                "SNAPSHOTS_PARALLELISM", Integer.toString(parallelism))));
        cleanup.add(tidemark);
        return tidemark;
    }

    private String snapshot(ScratchDatabase source) {
        Tidemark tidemark = tidemark(source, 1);
        return tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null)).id();
    }

    private static List<String> tables(ScratchDatabase db) throws SQLException {
        String sql = switch (db.backend()) {
            case SQLITE -> "SELECT name FROM sqlite_schema WHERE type = 'table'";
            case POSTGRESQL -> "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";
            case MARIADB -> "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()";
        };
        return rows(db, sql);
    }

    private static List<String> rows(ScratchDatabase db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}

package dev.tidemark.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.archive.ArchivePart;
import dev.tidemark.archive.ArchiveReader;
import dev.tidemark.archive.Manifest;
import dev.tidemark.archive.TableContents;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.Tidemark;
import dev.tidemark.error.TidemarkException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.source.SnapshotSource;

/**
 * {@code SNAPSHOTS_PARALLELISM} on real databases: with several exports at once and large tables cut into
 * key ranges, the archive holds exactly the rows, in the same order, that a one-at-a-time snapshot holds,
 * and restores to a copy equal to the source.
 */
class ParallelSnapshotTest {
    private static final int EVENTS = 12_000;

    @TempDir
    Path dir;

    private final List<ScratchDatabase> scratch = new ArrayList<>();

    @AfterEach
    void dropScratchDatabases() throws Exception {
        for (ScratchDatabase db : scratch) {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void parallelSnapshotHoldsTheSameRowsInTheSameOrderAndRestoresEqual(Backend backend) throws Exception {
        ScratchDatabase source = scratch(backend);
        fill(source);

        Map<String, List<String>> serial = snapshotRows(source, "1", "serial");
        Map<String, List<String>> parallel = snapshotRows(source, "4", "parallel");
        assertThat(parallel).isEqualTo(serial);
        assertThat(parallel.get("events")).hasSize(EVENTS);
        assertThat(parallel.get("quiet")).isEmpty();
        // the parallel snapshot cut events into key ranges, each ending in a part of its own
        assertThat(lastParts.get("parallel").get("events")).isGreaterThan(lastParts.get("serial").get("events") + 2);

        ScratchDatabase target = scratch(backend);
        try (Tidemark tidemark = tidemark(source, "4", "restore")) {
            SnapshotEntry entry = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
            tidemark.restore(entry.id(), target.url(), false, new JobProgress("restore", entry.id()));
        }
        for (String query : List.of("SELECT id, name FROM customers ORDER BY id",
                "SELECT id, customer_id, note, amount FROM events ORDER BY id", "SELECT code, n FROM codes ORDER BY code")) {
            assertThat(rows(target, query)).as(query).isEqualTo(rows(source, query));
        }
        assertThat(Files.list(dir.resolve("data-parallel").resolve("tmp")).count()).isZero();
    }

    @Test
    void aParallelRestoreThatFailsHalfWayLeavesTheMariadbTargetAsItWas() throws Exception {
        // SQLite does not enforce varchar lengths; MariaDB rejects the long value, in a part loaded beside others
        ScratchDatabase source = scratch(Backend.SQLITE);
        source.execute("CREATE TABLE events (id integer PRIMARY KEY, n integer, note varchar(60))");
        try (Connection c = source.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?)")) {
                for (int i = 1; i <= 8000; i++) {
                    insert.setInt(1, i);
                    insert.setInt(2, i * 3);
                    insert.setString(3, "note " + "y".repeat(i == 6500 ? 100 : i % 50));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
        ScratchDatabase target = scratch(Backend.MARIADB);
        target.execute("CREATE TABLE events (id integer PRIMARY KEY, n integer, note text)",
                "INSERT INTO events VALUES (1, 10, 'kept'), (2, 20, 'kept too')");
        List<List<String>> before = rows(target, "SELECT id, n, note FROM events ORDER BY id");

        try (Tidemark tidemark = tidemark(source, "4", "failing")) {
            SnapshotEntry entry = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
            assertThatThrownBy(() -> tidemark.restore(entry.id(), target.url(), true, new JobProgress("restore", entry.id())))
                    .isInstanceOf(TidemarkException.class)
                    .hasMessageContaining("events");
        }
        assertThat(rows(target, "SELECT id, n, note FROM events ORDER BY id")).isEqualTo(before);
        assertThat(rows(target, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"))
                .containsExactly(List.of("events"));
        assertThat(Files.list(dir.resolve("data-failing").resolve("tmp")).count()).isZero();
    }

    static Stream<Arguments> migrations() {
        return Stream.of(Arguments.of(Backend.POSTGRESQL, Backend.MARIADB), Arguments.of(Backend.MARIADB, Backend.POSTGRESQL),
                Arguments.of(Backend.SQLITE, Backend.POSTGRESQL), Arguments.of(Backend.POSTGRESQL, Backend.SQLITE));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("migrations")
    void parallelMigrationCopiesEveryRow(Backend from, Backend to) throws Exception {
        ScratchDatabase source = scratch(from);
        fill(source);
        ScratchDatabase serial = scratch(to);
        ScratchDatabase parallel = scratch(to);
        try (Tidemark tidemark = tidemark(source, "1", "migrate-serial")) {
            tidemark.migrate(source.url(), serial.url(), false, new JobProgress("migrate", null));
        }
        try (Tidemark tidemark = tidemark(source, "4", "migrate-parallel")) {
            tidemark.migrate(source.url(), parallel.url(), false, new JobProgress("migrate", null));
        }
        // values take the target's form (0 becomes 0.00 in a decimal column), so the serial copy is the reference
        for (String query : List.of("SELECT id, name FROM customers ORDER BY id",
                "SELECT id, customer_id, note, amount FROM events ORDER BY id", "SELECT code, n FROM codes ORDER BY code",
                "SELECT count(*) FROM quiet")) {
            assertThat(rows(parallel, query)).as(query).isEqualTo(rows(serial, query));
        }
        assertThat(rows(parallel, "SELECT count(*) FROM events")).isEqualTo(List.of(List.of(Integer.toString(EVENTS))));
    }

    @Test
    void aParallelMigrationThatFailsHalfWayLeavesThePostgresTargetAsItWas() throws Exception {
        // SQLite does not enforce varchar lengths; PostgreSQL rejects the long value while other loads run beside it
        ScratchDatabase source = scratch(Backend.SQLITE);
        source.execute("CREATE TABLE events (id integer PRIMARY KEY, n integer, note varchar(60))");
        try (Connection c = source.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?)")) {
                for (int i = 1; i <= 20_000; i++) {
                    insert.setInt(1, i);
                    insert.setInt(2, i * 3);
                    insert.setString(3, "note " + "y".repeat(i == 16_500 ? 100 : i % 50));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
        ScratchDatabase target = scratch(Backend.POSTGRESQL);
        target.execute("CREATE TABLE events (id integer PRIMARY KEY, n integer, note text)",
                "INSERT INTO events VALUES (1, 10, 'kept'), (2, 20, 'kept too')");
        List<List<String>> before = rows(target, "SELECT id, n, note FROM events ORDER BY id");

        try (Tidemark tidemark = tidemark(source, "4", "failing-migration")) {
            assertThatThrownBy(() -> tidemark.migrate(source.url(), target.url(), true, new JobProgress("migrate", null)))
                    .isInstanceOf(TidemarkException.class)
                    .hasMessageContaining("events");
        }
        assertThat(rows(target, "SELECT id, n, note FROM events ORDER BY id")).isEqualTo(before);
        assertThat(rows(target, "SELECT nspname FROM pg_namespace WHERE nspname LIKE '\\_tm\\_%'")).isEmpty();
    }

    private final Map<String, Map<String, Integer>> lastParts = new HashMap<>();

    /** Snapshots {@code db} with the given parallelism and returns every table's data records in archive order. */
    private Map<String, List<String>> snapshotRows(ScratchDatabase db, String parallelism, String label) throws Exception {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (Tidemark tidemark = tidemark(db, parallelism, label)) {
            SnapshotEntry entry = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
            tidemark.download(entry.id(), archive);
        }
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive.toByteArray()))) {
            reader.header().schema().tables().forEach(t -> tables.put(t.name(), new ArrayList<>()));
            for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
                List<String> rows = tables.get(part.tableName());
                for (String[] row = part.rows().next(); row != null; row = part.rows().next()) {
                    rows.add(String.join("|", Stream.of(row).map(v -> v == null ? "\\N" : v).toList()));
                }
            }
            Manifest manifest = reader.finish();
            Map<String, Integer> parts = new HashMap<>();
            for (TableContents table : manifest.tables()) {
                parts.put(table.name(), table.parts().size());
            }
            lastParts.put(label, parts);
        }
        return tables;
    }

    private Tidemark tidemark(ScratchDatabase db, String parallelism, String label) {
        return new Tidemark(TidemarkConfig.fromEnvironment(Map.of(
                "DATA_DIR", dir.resolve("data-" + label).toString(),
                "DATABASE_URL", db.url(),
                "SNAPSHOTS_PARALLELISM", parallelism,
                "SNAPSHOTS_PART_SIZE", "16K")));
    }

    /** Customers, events with sparse and negative ids and awkward text, a text-keyed table and an empty one. */
    private static void fill(ScratchDatabase db) throws Exception {
        String text = db.backend() == Backend.MARIADB ? "longtext" : "text";
        db.execute("CREATE TABLE customers (id integer PRIMARY KEY, name varchar(40) NOT NULL)",
                "CREATE TABLE events (id bigint PRIMARY KEY, customer_id integer REFERENCES customers (id), note " + text
                        + ", amount decimal(10,2))",
                "CREATE TABLE codes (code varchar(10) PRIMARY KEY, n integer)",
                "CREATE TABLE quiet (id integer PRIMARY KEY)");
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement customers = c.prepareStatement("INSERT INTO customers VALUES (?, ?)");
                 PreparedStatement events = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?)");
                 PreparedStatement codes = c.prepareStatement("INSERT INTO codes VALUES (?, ?)")) {
                for (int i = 1; i <= 200; i++) {
                    customers.setInt(1, i);
                    customers.setString(2, "customer " + i);
                    customers.addBatch();
                }
                customers.executeBatch();
                for (int i = 0; i < EVENTS; i++) {
                    events.setLong(1, i * 7L - 20_000);
                    events.setInt(2, i % 200 + 1);
                    events.setString(3, i % 13 == 0 ? null : i % 11 == 0 ? "" : "note \"" + i + "\",\nline two " + "x".repeat(i % 300));
                    events.setBigDecimal(4, new java.math.BigDecimal(i).movePointLeft(2));
                    events.addBatch();
                    if (i % 1000 == 999) {
                        events.executeBatch();
                    }
                }
                events.executeBatch();
                for (int i = 0; i < 50; i++) {
                    codes.setString(1, "c" + i);
                    codes.setInt(2, i);
                    codes.addBatch();
                }
                codes.executeBatch();
            }
            c.commit();
            if (db.backend() == Backend.MARIADB) {
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE TABLE events");
                }
            } else if (db.backend() == Backend.POSTGRESQL) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("VACUUM ANALYZE events");
                }
            }
        }
    }

    private static List<List<String>> rows(ScratchDatabase db, String query) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private ScratchDatabase scratch(Backend backend) throws Exception {
        ScratchDatabase db = ScratchDatabase.create(backend, dir);
        scratch.add(db);
        return db;
    }
}

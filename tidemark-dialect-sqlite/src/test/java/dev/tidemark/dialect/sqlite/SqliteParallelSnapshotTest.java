package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.dialect.Dialects;
import dev.tidemark.source.InMemoryRows;
import dev.tidemark.source.KeyRange;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * READ_ONLY snapshots on several connections: the readers opened behind the write lock see the locked state,
 * range exports and range scans give exactly the single-connection results, and closing leaves nothing open.
 */
class SqliteParallelSnapshotTest {
    private static final int ROWS = 20_000;

    @TempDir
    Path dir;

    @Test
    void rangesExportedOnSeveralConnectionsEqualTheWholeTableOnOne() throws Exception {
        Path db = dir.resolve("ranges.db");
        SqliteTestDb.exec(db,
                "CREATE TABLE alias (id INTEGER PRIMARY KEY, v TEXT, n NUMERIC(10,2))",
                "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " + ROWS + ")"
                        + " INSERT INTO alias SELECT i * 3 - 9000, 'row ' || i || printf('%.*c', i % 200, 'x'),"
                        + " i / 100.0 FROM s",
                // not the rowid: SQLite lets this key hold NULL, which sorts first
                "CREATE TABLE big_key (id BIGINT PRIMARY KEY, v TEXT)",
                "INSERT INTO big_key SELECT id, v FROM alias",
                "INSERT INTO big_key VALUES (NULL, 'null key one'), (NULL, 'null key two')",
                "CREATE TABLE clustered (id INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID",
                "INSERT INTO clustered SELECT id, v FROM alias",
                "CREATE TABLE keyless (v TEXT)", "INSERT INTO keyless VALUES ('a'), ('b')");

        List<List<String>> serial = new ArrayList<>();
        try (SnapshotSession one = Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.READ_ONLY, 1)) {
            assertThat(one.parallelism()).isEqualTo(1);
            for (Table table : one.schema().tables()) {
                assertThat(one.split(table, 1024)).containsExactly(KeyRange.ALL);
                InMemoryRows rows = new InMemoryRows();
                one.exportTable(table, KeyRange.ALL, rows);
                serial.add(joined(rows));
            }
        }

        try (SnapshotSession four = Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.READ_ONLY, 4)) {
            assertThat(four.parallelism()).isEqualTo(4);
            List<List<String>> parallel = new ArrayList<>();
            for (Table table : four.schema().tables()) {
                // a whole database smaller than one range is not cut
                assertThat(four.split(table, Files.size(db))).containsExactly(KeyRange.ALL);
                List<KeyRange> ranges = four.split(table, 64 * 1024);
                if (table.name().equals("keyless")) {
                    assertThat(ranges).containsExactly(KeyRange.ALL);
                } else {
                    // about 2.5 MB of pages in 64 KiB ranges
                    assertThat(ranges).hasSizeGreaterThan(10);
                }
                // every range at once, one per connection at a time, then joined in range order
                List<CompletableFuture<InMemoryRows>> exports = ranges.stream()
                        .map(range -> CompletableFuture.supplyAsync(() -> export(four, table, range))).toList();
                List<String> rows = new ArrayList<>();
                for (CompletableFuture<InMemoryRows> export : exports) {
                    rows.addAll(joined(export.get(60, TimeUnit.SECONDS)));
                }
                parallel.add(rows);
            }
            assertThat(parallel).isEqualTo(serial);
        }
        assertThat(serial.get(1)).startsWith("\\N|null key one", "\\N|null key two").hasSize(ROWS + 2);
    }

    @Test
    void aMisfitOrWideValueFoundOnlyInTheLastRangeStillShapesTheColumn() throws Exception {
        Path db = dir.resolve("late.db");
        SqliteTestDb.exec(db,
                "CREATE TABLE late (id INTEGER PRIMARY KEY, n INTEGER, s SMALLINT, flag BOOLEAN)",
                "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " + ROWS + ")"
                        + " INSERT INTO late SELECT i, i, i % 100, i % 2 FROM s",
                "UPDATE late SET n = 'not a number', s = 70000 WHERE id = " + ROWS,
                "CREATE TABLE early (id INTEGER PRIMARY KEY, flag BOOLEAN)",
                "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " + ROWS + ")"
                        + " INSERT INTO early SELECT i, CASE WHEN i = 1 THEN 'yes' ELSE i % 2 END FROM s",
                // every name of the rowid taken by a column: scanned whole
                "CREATE TABLE taken (rowid TEXT, _rowid_ TEXT, oid TEXT, n INTEGER)",
                "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " + ROWS + ")"
                        + " INSERT INTO taken SELECT 'r' || i, 'r', 'o', CASE WHEN i = " + ROWS + " THEN 1.5 ELSE i END FROM s",
                "CREATE TABLE clean (id INTEGER PRIMARY KEY, n INTEGER)",
                "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " + ROWS + ")"
                        + " INSERT INTO clean SELECT i, i FROM s");

        Schema serial;
        List<String> serialWarnings;
        try (SnapshotSession one = Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.READ_ONLY, 1)) {
            serial = one.schema();
            serialWarnings = one.warnings();
        }
        try (SnapshotSession four = Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.READ_ONLY, 4)) {
            Table late = four.schema().table("late").orElseThrow();
            assertThat(types(late)).containsExactly(PortableType.BIGINT, PortableType.NATIVE, PortableType.INTEGER,
                    PortableType.BOOLEAN);
            assertThat(late.options()).containsEntry(SqliteSchemaReader.OPTION_LITERAL_PREFIX + "n", "true");
            assertThat(types(four.schema().table("early").orElseThrow()))
                    .containsExactly(PortableType.BIGINT, PortableType.NATIVE);
            assertThat(types(four.schema().table("taken").orElseThrow())).containsExactly(PortableType.TEXT,
                    PortableType.TEXT, PortableType.TEXT, PortableType.NATIVE);
            assertThat(types(four.schema().table("clean").orElseThrow()))
                    .containsExactly(PortableType.BIGINT, PortableType.INTEGER);
            assertThat(four.schema()).isEqualTo(serial);
            assertThat(four.warnings()).isEqualTo(serialWarnings).hasSize(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE", "WAL"})
    void aWriterWaitsForTheWholeParallelSnapshotAndCommitsRightAfterItCloses(String journalMode) throws Exception {
        Path db = dir.resolve("writer-" + journalMode + ".db");
        SqliteTestDb.exec(db, "PRAGMA journal_mode = " + journalMode,
                "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)",
                "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " + ROWS + ")"
                        + " INSERT INTO t SELECT i, 'row ' || i FROM s");
        // the first session opens the header reader, which stays open for the life of the process
        Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.READ_ONLY, 1).close();
        long descriptorsBefore = descriptorsOf(db);
        CountDownLatch writerStarted = new CountDownLatch(1);
        CompletableFuture<Void> write;
        List<String> exported = new ArrayList<>();
        try (SnapshotSession snapshot = Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.READ_ONLY, 4)) {
            assertThat(snapshot.parallelism()).isEqualTo(4);
            // an impatient writer is refused, a patient one waits
            try (Connection writer = SqliteTestDb.connect(db); Statement st = writer.createStatement()) {
                st.execute("PRAGMA busy_timeout = 200");
                assertThatThrownBy(() -> st.execute("INSERT INTO t VALUES (" + (ROWS + 1) + ", 'late')"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("locked");
            }
            write = CompletableFuture.runAsync(() -> {
                try (Connection writer = SqliteTestDb.connect(db); Statement st = writer.createStatement()) {
                    st.execute("PRAGMA busy_timeout = 60000");
                    writerStarted.countDown();
                    st.execute("INSERT INTO t VALUES (" + (ROWS + 1) + ", 'late')");
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(writerStarted.await(30, TimeUnit.SECONDS)).isTrue();
            Table t = snapshot.schema().table("t").orElseThrow();
            List<KeyRange> ranges = snapshot.split(t, 16 * 1024);
            assertThat(ranges).hasSizeGreaterThan(4);
            // the first four exports wait for each other inside their first row: four connections read at once
            CountDownLatch allReading = new CountDownLatch(4);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<InMemoryRows>> exports = new ArrayList<>();
                for (KeyRange range : ranges) {
                    exports.add(threads.submit(() -> {
                        InMemoryRows rows = new InMemoryRows();
                        snapshot.exportTable(t, range, values -> {
                            if (rows.size() == 0) {
                                allReading.countDown();
                                await(allReading);
                            }
                            rows.accept(values);
                        });
                        return rows;
                    }));
                }
                for (Future<InMemoryRows> export : exports) {
                    exported.addAll(joined(export.get(60, TimeUnit.SECONDS)));
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(descriptorsOf(db)).isGreaterThanOrEqualTo(descriptorsBefore + 4);
            Thread.sleep(200);
            assertThat(write).isNotDone();
        }
        write.get(60, TimeUnit.SECONDS);
        assertThat(exported).hasSize(ROWS).endsWith(ROWS + "|row " + ROWS);
        assertThat(SqliteTestDb.query(db, "SELECT count(*) FROM t")).containsExactly(Integer.toString(ROWS + 1));

        // nothing of the session is left: no descriptor, no lock (a writer needing every lock commits at once)
        assertThat(descriptorsOf(db)).isEqualTo(descriptorsBefore);
        try (Connection writer = SqliteTestDb.connect(db); Statement st = writer.createStatement()) {
            st.execute("PRAGMA busy_timeout = 0");
            st.execute("PRAGMA journal_mode = DELETE");
            st.execute("DELETE FROM t WHERE id > 10");
        }
    }

    @Test
    void aReaderThatCannotBeOpenedOnlyLowersTheParallelism() throws Exception {
        Path db = dir.resolve("moved.db");
        SqliteTestDb.exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)",
                "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " + ROWS + ")"
                        + " INSERT INTO t SELECT i, 'row ' || i FROM s");
        Path moved = dir.resolve("moved-away.db");
        List<String> exported = new ArrayList<>();
        try (SnapshotSession snapshot = Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.READ_ONLY, 8)) {
            Table t = snapshot.schema().table("t").orElseThrow();
            List<KeyRange> ranges = snapshot.split(t, 16 * 1024);
            // the open connections keep reading the file; a further reader finds nothing at its path
            Files.move(db, moved);
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<InMemoryRows>> exports = new ArrayList<>();
                for (KeyRange range : ranges) {
                    exports.add(threads.submit(() -> export(snapshot, t, range)));
                }
                for (Future<InMemoryRows> export : exports) {
                    exported.addAll(joined(export.get(60, TimeUnit.SECONDS)));
                }
            } finally {
                threads.shutdownNow();
                Files.move(moved, db);
            }
        }
        assertThat(exported).hasSize(ROWS).startsWith("1|row 1").endsWith(ROWS + "|row " + ROWS);
    }

    @Test
    void anOnlineSnapshotReadsOnOneConnectionWhateverTheParallelism() throws Exception {
        Path db = dir.resolve("online.db");
        SqliteTestDb.exec(db, "PRAGMA journal_mode = WAL", "CREATE TABLE t (id INTEGER PRIMARY KEY)",
                "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " + ROWS + ")"
                        + " INSERT INTO t SELECT i FROM s");
        try (SnapshotSession snapshot = Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.ONLINE, 4)) {
            assertThat(snapshot.parallelism()).isEqualTo(1);
            assertThat(snapshot.split(snapshot.schema().table("t").orElseThrow(), 1024)).containsExactly(KeyRange.ALL);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fewer exports than expected ran at once");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static InMemoryRows export(SnapshotSession session, Table table, KeyRange range) {
        InMemoryRows rows = new InMemoryRows();
        try {
            session.exportTable(table, range, rows);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
        return rows;
    }

    private static List<String> joined(InMemoryRows rows) {
        return rows.rows().stream()
                .map(row -> String.join("|", Stream.of(row).map(v -> v == null ? "\\N" : v).toList())).toList();
    }

    private static List<PortableType> types(Table table) {
        return table.columns().stream().map(Column::type).map(t -> t.type()).toList();
    }

    /** How many descriptors of this process are open on the database file (Linux). */
    private static long descriptorsOf(Path db) throws IOException {
        Path real = db.toRealPath();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(real);
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            }).count();
        }
    }
}

package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.dialect.Dialects;
import dev.tidemark.source.InMemoryRows;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.source.Position;
import dev.tidemark.source.KeyRange;

class SqliteSnapshotConsistencyTest {
    @TempDir
    Path dir;

    @Test
    void writersWaitWhileAReadOnlySnapshotIsOpenAndTheSnapshotSeesItsStartingPoint() throws Exception {
        Path db = dir.resolve("busy.db");
        SqliteTestDb.exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
                        + " INSERT INTO t SELECT i, 'row ' || i FROM n");
        CountDownLatch exportPaused = new CountDownLatch(1);
        CountDownLatch resumeExport = new CountDownLatch(1);
        InMemoryRows exported = new InMemoryRows();
        AtomicInteger seen = new AtomicInteger();

        try (SnapshotSession snapshot = Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.READ_ONLY, 1)) {
            Table t = snapshot.schema().table("t").orElseThrow();
            CompletableFuture<Void> export = CompletableFuture.runAsync(() -> {
                try {
                    snapshot.exportTable(t, KeyRange.ALL, values -> {
                        exported.accept(values);
                        if (seen.incrementAndGet() == 500) {
                            exportPaused.countDown();
                            await(resumeExport);
                        }
                    });
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(exportPaused.await(30, TimeUnit.SECONDS)).isTrue();

            try (Connection writer = SqliteTestDb.connect(db); Statement st = writer.createStatement()) {
                st.execute("PRAGMA busy_timeout = 200");
                assertThatThrownBy(() -> st.execute("INSERT INTO t VALUES (1001, 'late')"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("locked");
            }
            resumeExport.countDown();
            export.get(30, TimeUnit.SECONDS);
        }

        try (Connection writer = SqliteTestDb.connect(db); Statement st = writer.createStatement()) {
            st.execute("PRAGMA busy_timeout = 200");
            st.execute("INSERT INTO t VALUES (1001, 'late')");
        }
        assertThat(exported.rows()).hasSize(1000);
        assertThat(exported.rows().get(999)).containsExactly("1000", "row 1000");
    }

    @Test
    void aWriterBlockedOnTheSnapshotSucceedsOnceItCloses() throws Exception {
        Path db = dir.resolve("waiting.db");
        SqliteTestDb.exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY)", "INSERT INTO t VALUES (1)");
        CountDownLatch writerStarted = new CountDownLatch(1);
        InMemoryRows exported = new InMemoryRows();
        CompletableFuture<Void> write;
        try (SnapshotSession snapshot = Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.READ_ONLY, 1)) {
            write = CompletableFuture.runAsync(() -> {
                try (Connection writer = SqliteTestDb.connect(db); Statement st = writer.createStatement()) {
                    st.execute("PRAGMA busy_timeout = 60000");
                    writerStarted.countDown();
                    st.execute("INSERT INTO t VALUES (2)");
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(writerStarted.await(30, TimeUnit.SECONDS)).isTrue();
            snapshot.exportTable(snapshot.schema().table("t").orElseThrow(), KeyRange.ALL, exported);
            assertThat(write).isNotDone();
        }
        write.get(60, TimeUnit.SECONDS);
        assertThat(exported.rows()).hasSize(1);
        assertThat(SqliteTestDb.query(db, "SELECT count(*) FROM t")).containsExactly("2");
    }

    @Test
    void consistencyPointRecordsTheFileChangeCounterAndSize() throws Exception {
        Path db = dir.resolve("point.db");
        SqliteTestDb.exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
        Position first = pointOf(db);
        SqliteTestDb.exec(db, "INSERT INTO t VALUES (1)");
        Position second = pointOf(db);

        assertThat(first.kind()).isEqualTo("sqlite-data-version");
        assertThat(first.details()).containsEntry("fileSize", Long.toString(Files.size(db)))
                .containsKeys("dataVersion", "fileChangeCounter", "journalMode");
        assertThat(second).isGreaterThan(first);
        assertThat(Long.parseLong(second.text())).isGreaterThan(Long.parseLong(first.text()));
    }

    @Test
    void onlineModeReadsOneStateWithoutHoldingTheWriteLockInWalMode() throws Exception {
        Path db = dir.resolve("wal.db");
        SqliteTestDb.exec(db, "PRAGMA journal_mode = WAL", "CREATE TABLE t (id INTEGER PRIMARY KEY)",
                "INSERT INTO t VALUES (1)");
        InMemoryRows exported = new InMemoryRows();
        try (SnapshotSession snapshot = Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.ONLINE, 1)) {
            SqliteTestDb.exec(db, "PRAGMA busy_timeout = 200", "INSERT INTO t VALUES (2)");
            snapshot.exportTable(snapshot.schema().table("t").orElseThrow(), KeyRange.ALL, exported);
        }
        assertThat(exported.rows()).hasSize(1);
        assertThat(SqliteTestDb.query(db, "SELECT count(*) FROM t")).containsExactly("2");
    }

    @Test
    void aSnapshotThatCannotGetTheWriteLockInTimeFailsClearly() throws Exception {
        Path db = dir.resolve("held.db");
        SqliteTestDb.exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
        try (Connection writer = SqliteTestDb.connect(db); Statement st = writer.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            st.execute("INSERT INTO t VALUES (1)");
            SqliteDialect dialect = new SqliteDialect(db, Duration.ofMillis(100));

            assertThatThrownBy(() -> dialect.openSnapshot(SnapshotMode.READ_ONLY, 1))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.DATABASE_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("locked by another connection");
                    });
            assertThatThrownBy(() -> dialect.openRestore(1))
                    .isInstanceOfSatisfying(TidemarkException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.DATABASE_UNAVAILABLE));
            st.execute("COMMIT");
        }
        assertThat(SqliteTestDb.query(db, "SELECT count(*) FROM t")).containsExactly("1");
    }

    @Test
    void aSnapshotOpenedByAnInterruptedThreadLeavesOtherSessionsLocksAndLaterSnapshotsIntact() throws Exception {
        Path db = dir.resolve("interrupted.db");
        SqliteTestDb.exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY)", "INSERT INTO t VALUES (1)");
        try (SnapshotSession holding = Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.READ_ONLY, 1)) {
            CompletableFuture<String> cancelled = CompletableFuture.supplyAsync(() -> {
                // a cancelled job's thread: interrupted before or while it opens its snapshot
                Thread.currentThread().interrupt();
                try (SnapshotSession s = Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.ONLINE, 1)) {
                    return s.position().text();
                } catch (TidemarkException e) {
                    return e.getMessage();
                } finally {
                    Thread.interrupted();
                }
            });
            assertThat(cancelled.get(30, TimeUnit.SECONDS)).isEqualTo(holding.position().text());

            try (Connection writer = SqliteTestDb.connect(db); Statement st = writer.createStatement()) {
                st.execute("PRAGMA busy_timeout = 200");
                assertThatThrownBy(() -> st.execute("INSERT INTO t VALUES (2)"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("locked");
            }
        }
        SqliteTestDb.exec(db, "INSERT INTO t VALUES (2)");

        Position later = pointOf(db);
        assertThat(later.details()).containsEntry("fileSize", Long.toString(Files.size(db)));
        assertThat(Long.parseLong(later.text())).isPositive();
    }

    @Test
    void aMissingSourceFileIsReportedAndNotCreated() {
        Path missing = dir.resolve("missing.db");
        assertThatThrownBy(() -> Dialects.forUrl("sqlite:" + missing).openSnapshot(SnapshotMode.READ_ONLY, 1))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.DATABASE_UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("SQLite database file not found: " + missing);
                    assertThat(e.hint()).isNotBlank();
                });
        assertThat(missing).doesNotExist();
    }

    private static Position pointOf(Path db) {
        try (SnapshotSession snapshot = Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.READ_ONLY, 1)) {
            return snapshot.position();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("export was not resumed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

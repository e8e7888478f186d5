package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.dialect.Dialects;
import dev.tidemark.dialect.RestoreSession;
import dev.tidemark.dialect.RowSink;
import dev.tidemark.dialect.SnapshotMode;
import dev.tidemark.dialect.SnapshotSession;
import dev.tidemark.schema.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A million rows piped from a snapshot straight into a restore, the way a migration streams them. */
class SqliteLargeTableTest {
    private static final String[] END = new String[0];

    @TempDir
    Path dir;

    @Test
    void aMillionRowsRoundTripExactly() throws Exception {
        Path source = dir.resolve("big.db");
        Path target = dir.resolve("big-restored.db");
        SqliteTestDb.exec(source, "CREATE TABLE events (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL,"
                        + " kind TEXT, amount NUMERIC(12,2), ok BOOLEAN, at TIMESTAMP, payload BLOB)",
                "CREATE INDEX events_user ON events (user_id)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)"
                        + " INSERT INTO events SELECT i, i % 1000, 'kind ' || (i % 7), i / 100.0, i % 2,"
                        + " datetime(1700000000 + i, 'unixepoch'), CASE WHEN i % 10 = 0 THEN randomblob(8) END FROM n");

        try (SnapshotSession snapshot = Dialects.forUrl("sqlite:" + source).openSnapshot(SnapshotMode.READ_ONLY);
             RestoreSession restore = Dialects.forUrl("sqlite:" + target).openRestore()) {
            Table events = snapshot.schema().table("events").orElseThrow();
            restore.prepare(snapshot.schema(), false);
            BlockingQueue<String[]> pipe = new ArrayBlockingQueue<>(10_000);
            RowSink sink = values -> put(pipe, values.clone());
            CompletableFuture<Long> load = CompletableFuture.supplyAsync(() -> {
                try {
                    return restore.load(events, () -> {
                        String[] row = take(pipe);
                        return row == END ? null : row;
                    });
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            snapshot.exportTable(events, sink);
            put(pipe, END);
            assertThat(load.get(5, TimeUnit.MINUTES)).isEqualTo(1_000_000L);
            restore.finish(snapshot.schema());
            restore.commit();
        }

        assertSameRows(source, target);
        assertThat(SqliteTestDb.query(target, "SELECT name FROM sqlite_schema WHERE type='index'"))
                .containsExactly("events_user");
    }

    /** Compares both tables row by row, storage class and bytes included, without holding them in memory. */
    private static void assertSameRows(Path expected, Path actual) throws Exception {
        String select = "SELECT id, user_id, typeof(kind), kind, typeof(amount), amount, ok, at, payload"
                + " FROM events ORDER BY id";
        try (Connection e = SqliteTestDb.connect(expected); Connection a = SqliteTestDb.connect(actual);
             Statement es = e.createStatement(); Statement as = a.createStatement();
             ResultSet er = es.executeQuery(select); ResultSet ar = as.executeQuery(select)) {
            long rows = 0;
            while (er.next()) {
                assertThat(ar.next()).isTrue();
                for (int i = 1; i <= 9; i++) {
                    Object want = er.getObject(i);
                    Object got = ar.getObject(i);
                    if (want instanceof byte[] bytes) {
                        assertThat((byte[]) got).as("row %d column %d", rows, i).isEqualTo(bytes);
                    } else if (!java.util.Objects.equals(want, got)) {
                        assertThat(got).as("row %d column %d", rows, i).isEqualTo(want);
                    }
                }
                rows++;
            }
            assertThat(ar.next()).isFalse();
            assertThat(rows).isEqualTo(1_000_000L);
        }
    }

    private static void put(BlockingQueue<String[]> pipe, String[] row) {
        try {
            pipe.put(row);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String[] take(BlockingQueue<String[]> pipe) {
        try {
            return pipe.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.dialect.Dialects;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSink;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
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
import dev.tidemark.source.KeyRange;

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

        try (SnapshotSession snapshot = Dialects.forUrl("sqlite:" + source).openSnapshot(SnapshotMode.READ_ONLY, 1);
             RestoreSession restore = Dialects.forUrl("sqlite:" + target).openRestore(1)) {
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
            snapshot.exportTable(events, KeyRange.ALL, sink);
            put(pipe, END);
            assertThat(load.get(5, TimeUnit.MINUTES)).isEqualTo(1_000_000L);
            restore.finish(snapshot.schema());
            restore.commit();
        }

        assertSameRows(source, target);
        assertThat(SqliteTestDb.query(target, "SELECT name FROM sqlite_schema WHERE type='index'"))
                .containsExactly("events_user");
    }

    /** Compares both tables row by row inside SQLite: every value equal and of the same storage class. */
    private static void assertSameRows(Path expected, Path actual) throws Exception {
        StringBuilder same = new StringBuilder();
        for (String column : new String[] {"user_id", "kind", "amount", "ok", "at", "payload"}) {
            same.append(same.length() == 0 ? "" : " AND ").append("a.").append(column).append(" IS b.").append(column)
                    .append(" AND typeof(a.").append(column).append(") = typeof(b.").append(column).append(')');
        }
        try (Connection c = SqliteTestDb.connect(actual); Statement st = c.createStatement()) {
            st.execute("ATTACH DATABASE '" + expected.toString().replace("'", "''") + "' AS expected");
            try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM main.events),"
                    + " (SELECT count(*) FROM expected.events),"
                    + " (SELECT count(*) FROM main.events a JOIN expected.events b ON a.id = b.id WHERE " + same + ")")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1_000_000L);
                assertThat(rs.getLong(2)).isEqualTo(1_000_000L);
                assertThat(rs.getLong(3)).as("rows equal in value and storage class").isEqualTo(1_000_000L);
            }
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

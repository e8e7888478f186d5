package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSource;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import dev.tidemark.source.KeyRange;

/** A million rows go through snapshot and restore with memory that does not grow with the table. */
class PostgresLargeTableTest {
    private static final int ROWS = 1_000_000;
    private static final String[] END = new String[0];
    /** The rows as Java strings would take several hundred MiB; streaming needs a few MiB. */
    private static final long ALLOWED_GROWTH_BYTES = 64L << 20;

    @Test
    void millionRowTableStreamsThroughWithBoundedMemory() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ExecutorService exporter = Executors.newSingleThreadExecutor();
        try (ScratchDatabase source = new ScratchDatabase(); ScratchDatabase target = new ScratchDatabase()) {
            source.execute("CREATE TABLE big (id bigint PRIMARY KEY, payload text NOT NULL, amount numeric(12,2), at timestamptz)",
                    "INSERT INTO big SELECT g, repeat('x', 100) || g, g / 100.0, timestamptz '2020-01-01 00:00:00+00'"
                            + " + g * interval '1 second' FROM generate_series(1, " + ROWS + ") g");
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            long[] peak = {0};
            BlockingQueue<String[]> pipe = new ArrayBlockingQueue<>(1024);
            try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.READ_ONLY, 1);
                 RestoreSession restore = target.dialect().openRestore(1)) {
                Schema schema = snapshot.schema();
                Table big = schema.table("big").orElseThrow();
                restore.prepare(schema, false);
                Future<Long> exported = exporter.submit(() -> {
                    long[] count = {0};
                    snapshot.exportTable(big, KeyRange.ALL, row -> {
                        if (++count[0] % 250_000 == 0) {
                            System.gc();
                            peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed() - baseline);
                        }
                        put(pipe, row.clone());
                    });
                    put(pipe, END);
                    return count[0];
                });
                RowSource rows = () -> {
                    try {
                        String[] row = pipe.poll(60, TimeUnit.SECONDS);
                        if (row == null) {
                            throw new IOException("exporter stalled");
                        }
                        return row == END ? null : row;
                    } catch (InterruptedException e) {
                        throw new InterruptedIOException();
                    }
                };
                assertThat(restore.load(big, rows)).isEqualTo(ROWS);
                assertThat(exported.get(60, TimeUnit.SECONDS)).isEqualTo(ROWS);
                restore.finish(schema);
                restore.commit();
            }
            assertThat(peak[0]).as("heap growth while streaming").isLessThan(ALLOWED_GROWTH_BYTES);
            String digest = "SELECT count(*), sum(id), sum(hashtext(payload || '|' || amount::text || '|' || at::text)::bigint) FROM big";
            assertThat(target.rows(digest)).isEqualTo(source.rows(digest));
        } finally {
            exporter.shutdownNow();
        }
    }

    private static void put(BlockingQueue<String[]> pipe, String[] row) throws IOException {
        try {
            if (!pipe.offer(row, 60, TimeUnit.SECONDS)) {
                throw new IOException("loader stalled");
            }
        } catch (InterruptedException e) {
            throw new InterruptedIOException();
        }
    }
}

package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSource;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.tidemark.source.KeyRange;

/** A million rows stream from snapshot to restore without piling up in memory. */
class MysqlLargeTableTest {
    private static final int ROWS = 1_000_000;
    private static final String[] END = new String[0];

    private ScratchDatabase source;
    private ScratchDatabase target;

    @BeforeEach
    void create() throws Exception {
        source = new ScratchDatabase();
        target = new ScratchDatabase();
        source.execute("CREATE TABLE big (id bigint PRIMARY KEY, payload varchar(200) NOT NULL, at datetime(6),"
                        + " amount decimal(12,2), flag tinyint(1))",
                "INSERT INTO big SELECT seq, CONCAT(REPEAT('x', 100), seq), '2024-01-01' + INTERVAL seq SECOND,"
                        + " seq / 100, seq % 2 FROM seq_1_to_" + ROWS);
    }

    @AfterEach
    void drop() throws Exception {
        source.close();
        target.close();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aMillionRowsRoundTripWithFlatMemory() throws Exception {
        ExecutorService exporter = Executors.newSingleThreadExecutor();
        long[] peakGrowth = {0};
        try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.READ_ONLY, 1);
             RestoreSession restore = target.dialect().openRestore(1)) {
            Schema schema = snapshot.schema();
            Table big = schema.table("big").orElseThrow();
            restore.prepare(schema, false);
            long baseline = usedHeapAfterGc();
            BlockingQueue<String[]> handoff = new ArrayBlockingQueue<>(1000);
            long[] exported = {0};
            Future<?> export = exporter.submit(() -> {
                snapshot.exportTable(big, KeyRange.ALL, row -> {
                    if (++exported[0] % 250_000 == 0) {
                        peakGrowth[0] = Math.max(peakGrowth[0], usedHeapAfterGc() - baseline);
                    }
                    try {
                        handoff.put(row.clone());
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                });
                handoff.put(END);
                return null;
            });
            RowSource rows = () -> {
                try {
                    String[] row = handoff.poll(60, TimeUnit.SECONDS);
                    if (row == null) {
                        throw new java.io.IOException("export stalled");
                    }
                    return row == END ? null : row;
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            };
            assertThat(restore.load(big, rows)).isEqualTo(ROWS);
            export.get(60, TimeUnit.SECONDS);
            restore.finish(schema);
            restore.commit();
        } finally {
            exporter.shutdownNow();
        }
        // the whole table is ~150 MB as Java strings; streaming keeps the growth to buffers
        assertThat(peakGrowth[0]).as("heap growth while exporting").isLessThan(48L * 1024 * 1024);
        try (Connection from = source.connect(); Connection to = target.connect()) {
            String checksum = "SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', id, payload, at, amount, flag))) FROM big";
            assertThat(single(to, checksum)).isEqualTo(single(from, checksum)).startsWith(ROWS + "|");
        }
    }

    private static String single(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1) + "|" + rs.getString(2);
        }
    }
}

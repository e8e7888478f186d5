package dev.tidemark.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.archive.ArchiveOptions;
import dev.tidemark.archive.ArchivePart;
import dev.tidemark.archive.ArchiveReader;
import dev.tidemark.archive.ArchiveWriter;
import dev.tidemark.archive.Manifest;
import dev.tidemark.archive.SnapshotHeader;
import dev.tidemark.source.StoredPosition;
import dev.tidemark.source.KeyRange;
import dev.tidemark.source.RowSink;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.source.Position;

/**
 * Several exports at once must give the archive a one-at-a-time export gives (same tables, same rows in the
 * same order), keep the staging disk bounded, and leave no staging file behind when an export fails.
 */
class ParallelExportTest {
    private static final long PART_SIZE = 4096;

    @TempDir
    Path dir;

    @Test
    void parallelExportWritesTheSameRowsInTheSameOrderAsOneAtATime() throws Exception {
        FakeSession session = new FakeSession(new int[] {5000, 0, 20000, 37}, 4, null);
        List<List<String>> serial = rowsOf(write(session, 1, dir.resolve("serial")));
        List<List<String>> parallel = rowsOf(write(session, 4, dir.resolve("parallel")));

        assertThat(parallel).isEqualTo(serial);
        assertThat(parallel.get(0)).hasSize(5000).startsWith("1,row 1 of t0");
        assertThat(parallel.get(1)).isEmpty();
        assertThat(parallel.get(2)).hasSize(20000).endsWith("20000,row 20000 of t2");
        assertThat(session.maxConcurrentExports.get()).isGreaterThan(1);
    }

    @Test
    void stagedPartsStayWithinTheLimit() throws Exception {
        // the first table is slow, so the exports of later ranges run ahead and must stop at the limit
        FakeSession session = new FakeSession(new int[] {3000, 60000}, 4, 0);
        Path spool = dir.resolve("spool");
        AtomicInteger mostFiles = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                mostFiles.accumulateAndGet(count(spool), Math::max);
            }
        });
        watcher.start();
        int limit;
        try (ParallelExport export = new ParallelExport(4, options(spool), new JobProgress("snapshot", null))) {
            limit = export.maxStagingFiles();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArchiveWriter writer = new ArchiveWriter(out, header(session.schema()), options(spool))) {
                export.run(session, writer);
                writer.finish();
            }
        } finally {
            running.set(false);
            watcher.join();
        }
        assertThat(mostFiles.get()).isBetween(1, limit);
        assertThat(count(spool)).isZero();
    }

    @Test
    void aFailedExportStopsTheOthersAndLeavesNoStagingFile() throws Exception {
        FakeSession session = new FakeSession(new int[] {4000, 30000, 100}, 4, null);
        session.failAtRow = 12000;
        Path spool = dir.resolve("spool");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> {
            try (ParallelExport export = new ParallelExport(4, options(spool), new JobProgress("snapshot", null));
                 ArchiveWriter writer = new ArchiveWriter(out, header(session.schema()), options(spool))) {
                export.run(session, writer);
                writer.finish();
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("connection lost at row 12000");
        assertThat(count(spool)).isZero();
    }

    private static int count(Path spool) {
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(spool)) {
            return (int) files.count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static ArchiveOptions options(Path spool) {
        return new ArchiveOptions(1, PART_SIZE, spool);
    }

    private static byte[] write(FakeSession session, int parallelism, Path spool) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelExport export = new ParallelExport(parallelism, options(spool), new JobProgress("snapshot", null));
             ArchiveWriter writer = new ArchiveWriter(out, header(session.schema()), options(spool))) {
            export.run(session, writer);
            Manifest manifest = writer.finish();
            assertThat(manifest.tables()).hasSize(session.schema().tables().size());
        }
        return out.toByteArray();
    }

    /** Every table's data records, in archive order, as "id,text" lines. */
    private static List<List<String>> rowsOf(byte[] archive) throws IOException {
        List<List<String>> tables = new ArrayList<>();
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive))) {
            for (Table ignored : reader.header().schema().tables()) {
                tables.add(new ArrayList<>());
            }
            List<Table> schemaTables = reader.header().schema().tables();
            for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
                List<String> rows = tables.get(schemaTables.indexOf(part.table()));
                for (String[] row = part.rows().next(); row != null; row = part.rows().next()) {
                    rows.add(String.join(",", row));
                }
            }
            reader.finish();
        }
        return tables;
    }

    private static SnapshotHeader header(Schema schema) {
        return SnapshotHeader.v1("20260102T030405Z-test", "main", "postgresql", "postgresql 15", Instant.now(),
                new StoredPosition("test", "1", Map.of()), schema, List.of());
    }

    /** Tables t0, t1, … with ids 1..n, split into ranges of 1,000 ids; exports sleep at random to mix the order. */
    private static final class FakeSession implements SnapshotSession {
        final Schema schema;
        final int[] sizes;
        final int parallelism;
        /** When set, only this table is slow (every row sleeps a little), else every export pauses at random. */
        final Integer slowTable;
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxConcurrentExports = new AtomicInteger();
        volatile long failAtRow = -1;

        FakeSession(int[] sizes, int parallelism, Integer slowTable) {
            this.sizes = sizes;
            this.parallelism = parallelism;
            this.slowTable = slowTable;
            List<Table> tables = new ArrayList<>();
            for (int i = 0; i < sizes.length; i++) {
                tables.add(new Table("t" + i, List.of(
                        new Column("id", ColumnType.of(PortableType.BIGINT, "bigint"), false, null, null, false),
                        new Column("text", ColumnType.of(PortableType.TEXT, "text"), true, null, null, false)),
                        List.of("id"), List.of(), List.of(), List.of(), null, Map.of()));
            }
            this.schema = new Schema(tables, Map.of(), Map.of());
        }

        @Override
        public List<KeyRange> split(Table table, long targetBytes) {
            int size = sizes[schema.tables().indexOf(table)];
            return KeyRange.evenSplit("id", 1, Math.max(1, size), size * 40L, 40_000);
        }

        @Override
        public void exportTable(Table table, KeyRange range, RowSink sink) throws Exception {
            int now = running.incrementAndGet();
            maxConcurrentExports.accumulateAndGet(now, Math::max);
            try {
                int index = schema.tables().indexOf(table);
                long from = range.from() == null ? 1 : range.from();
                long to = range.to() == null ? sizes[index] + 1L : range.to();
                Random random = new Random(from * 31 + index);
                for (long id = from; id < to; id++) {
                    if (id == failAtRow) {
                        throw new IOException("connection lost at row " + id);
                    }
                    if (slowTable == null ? random.nextInt(500) == 0 : slowTable == index && id % 10 == 0) {
                        Thread.sleep(1);
                    }
                    sink.accept(new String[] {Long.toString(id), "row " + id + " of " + table.name()});
                }
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public int parallelism() {
            return parallelism;
        }

        @Override
        public String backendVersion() {
            return "postgresql 15";
        }

        @Override
        public Position position() {
            return new StoredPosition("test", "1", Map.of());
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        public List<String> warnings() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}

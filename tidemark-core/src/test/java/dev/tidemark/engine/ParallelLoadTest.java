package dev.tidemark.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.archive.ArchiveOptions;
import dev.tidemark.archive.ArchivePart;
import dev.tidemark.archive.ArchiveReader;
import dev.tidemark.archive.ArchiveWriter;
import dev.tidemark.archive.SnapshotHeader;
import dev.tidemark.archive.TableWriter;
import dev.tidemark.dialect.ConsistencyPoint;
import dev.tidemark.dialect.RestoreSession;
import dev.tidemark.dialect.RowSource;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parts loaded on several threads arrive whole, each exactly once, and a failed load stops the rest cleanly. */
class ParallelLoadTest {
    private static final Table ITEMS = new Table("items", List.of(
            new Column("id", ColumnType.of(PortableType.BIGINT, "bigint"), false, null, null, false),
            new Column("note", ColumnType.of(PortableType.TEXT, "text"), true, null, null, false)),
            List.of("id"), List.of(), List.of(), List.of(), null, Map.of());
    private static final Table TAGS = new Table("tags", List.of(
            new Column("label", ColumnType.of(PortableType.TEXT, "text"), true, null, null, false)),
            List.of(), List.of(), List.of(), List.of(), null, Map.of());

    @TempDir
    Path dir;

    @Test
    void everyRowIsLoadedOnceWithNullsAndAwkwardTextIntact() throws Exception {
        List<String[]> items = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            items.add(new String[] {Long.toString(i), i % 7 == 0 ? null : i % 5 == 0 ? "" : "a \"quoted\",\nvalue " + i});
        }
        List<String[]> tags = List.of(new String[] {null}, new String[] {""}, new String[] {"x"});
        RecordingSession session = new RecordingSession(3, -1);
        Map<String, Long> loaded = load(archive(items, tags), session);

        assertThat(loaded).containsEntry("items", 20_000L).containsEntry("tags", 3L);
        assertThat(session.rows.stream().filter(r -> r.startsWith("items|")).sorted().toList())
                .isEqualTo(items.stream().map(r -> "items|" + String.join("|", nulls(r))).sorted().toList());
        assertThat(session.rows.stream().filter(r -> r.startsWith("tags|")).sorted().toList())
                .containsExactlyInAnyOrder("tags|\\N", "tags|", "tags|x");
        assertThat(session.mostAtOnce.get()).isGreaterThan(1);
        assertThat(spoolFiles()).isZero();
    }

    @Test
    void aFailedLoadStopsTheRestoreAndLeavesNoStagingFile() throws Exception {
        List<String[]> items = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            items.add(new String[] {Long.toString(i), "value " + i});
        }
        RecordingSession session = new RecordingSession(3, 9_000);
        byte[] archive = archive(items, List.of());
        assertThatThrownBy(() -> load(archive, session)).isInstanceOf(SQLException.class)
                .hasMessageContaining("rejected row 9000");
        assertThat(spoolFiles()).isZero();
    }

    private Map<String, Long> load(byte[] archive, RestoreSession session) throws Exception {
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive));
             ParallelLoad load = new ParallelLoad(session, 3, dir.resolve("spool"), new JobProgress("restore", null))) {
            for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
                load.submit(part);
            }
            Map<String, Long> loaded = load.finish();
            reader.finish();
            return loaded;
        }
    }

    private long spoolFiles() throws Exception {
        Path spool = dir.resolve("spool");
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.count();
        }
    }

    private byte[] archive(List<String[]> items, List<String[]> tags) throws Exception {
        Schema schema = new Schema(List.of(ITEMS, TAGS), Map.of(), Map.of());
        SnapshotHeader header = SnapshotHeader.v1("20260102T030405Z-test", "main", "postgresql", "postgresql 15",
                Instant.now(), new ConsistencyPoint("test", "1", Map.of()), schema, List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArchiveWriter writer = new ArchiveWriter(out, header, new ArchiveOptions(1, 8 * 1024, dir.resolve("spool")))) {
            try (TableWriter table = writer.beginTable(ITEMS)) {
                for (String[] row : items) {
                    table.accept(row);
                }
            }
            try (TableWriter table = writer.beginTable(TAGS)) {
                for (String[] row : tags) {
                    table.accept(row);
                }
            }
            writer.finish();
        }
        return out.toByteArray();
    }

    private static String[] nulls(String[] row) {
        return Stream.of(row).map(v -> v == null ? "\\N" : v).toArray(String[]::new);
    }

    /** Records every row it is given; optionally rejects one id, as a database rejects a bad value. */
    private static final class RecordingSession implements RestoreSession {
        final List<String> rows = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final int parallelism;
        final long rejectId;

        RecordingSession(int parallelism, long rejectId) {
            this.parallelism = parallelism;
            this.rejectId = rejectId;
        }

        @Override
        public long load(Table table, RowSource source) throws Exception {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                long count = 0;
                for (String[] row = source.next(); row != null; row = source.next()) {
                    if (table.name().equals("items") && Long.parseLong(row[0]) == rejectId) {
                        throw new SQLException("rejected row " + rejectId);
                    }
                    rows.add(table.name() + "|" + String.join("|", nulls(row)));
                    count++;
                    if (count % 100 == 0) {
                        Thread.sleep(1);
                    }
                }
                return count;
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
            return "test";
        }

        @Override
        public List<String> prepare(Schema schema, boolean replace) {
            return List.of();
        }

        @Override
        public void finish(Schema schema) {
        }

        @Override
        public void commit() {
        }

        @Override
        public void close() {
        }
    }
}

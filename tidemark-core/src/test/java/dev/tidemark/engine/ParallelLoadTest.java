package dev.tidemark.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.archive.ArchiveOptions;
import dev.tidemark.archive.ArchivePart;
import dev.tidemark.archive.ArchiveReader;
import dev.tidemark.archive.ArchiveWriter;
import dev.tidemark.archive.SnapshotHeader;
import dev.tidemark.archive.TableWriter;
import dev.tidemark.source.StoredPosition;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSource;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
    }

    @Test
    void aFailedLoadStopsTheRestore() throws Exception {
        List<String[]> items = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            items.add(new String[] {Long.toString(i), "value " + i});
        }
        RecordingSession session = new RecordingSession(3, 9_000);
        byte[] archive = archive(items, List.of());
        assertThatThrownBy(() -> load(archive, session)).isInstanceOf(SQLException.class)
                .hasMessageContaining("rejected row 9000");
    }

    @Test
    void csvRecordsGoToTheLoadersInBlocksOfWholeRecordsEachLoadedOnce() throws Exception {
        List<String[]> items = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            items.add(new String[] {Long.toString(i), i % 7 == 0 ? null : i % 5 == 0 ? "" : "a \"quoted\",\nvalue " + i});
        }
        List<String[]> tags = List.of(new String[] {null}, new String[] {""}, new String[] {"x"});
        byte[] archive = archive(items, tags);
        RecordingSession session = new RecordingSession(3, -1, true);
        Map<String, Long> loaded = load(archive, session);

        assertThat(loaded).containsEntry("items", 60_000L).containsEntry("tags", 3L);
        assertThat(session.rows.stream().sorted().toList()).isEqualTo(storedRecords(archive).stream().sorted().toList());
        assertThat(session.mostAtOnce.get()).isGreaterThan(1);
        // a loader keeps streaming blocks of one table into the same load, across parts
        assertThat(session.mostRecordsInOneLoad.get()).isGreaterThan(session.mostRecordsInOnePart(archive));
    }

    @Test
    void noLoadRunsLongerThanItsShareOfBytes() throws Exception {
        List<String[]> items = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            items.add(new String[] {Long.toString(i), "value " + i});
        }
        byte[] archive = archive(items, List.of());
        for (boolean csv : new boolean[] {true, false}) {
            RecordingSession session = new RecordingSession(2, -1, csv);
            try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive));
                 ParallelLoad load = new ParallelLoad(session, 2, new JobProgress("restore", null), 64 * 1024)) {
                for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
                    load.submit(part);
                }
                assertThat(load.finish()).containsEntry("items", 60_000L);
                reader.finish();
            }
            if (csv) {
                // parts (and so blocks) are about 8 KiB here: a load ends within one block of 64 KiB
                assertThat(session.mostBytesInOneLoad.get()).isBetween(64 * 1024L, 80 * 1024L);
            }
            assertThat(session.loads.get()).as("csv %s", csv).isGreaterThan(10);
            assertThat(session.rows).hasSize(60_000).doesNotHaveDuplicates();
        }
    }

    @Test
    void aFailedCsvLoadStopsTheRestore() throws Exception {
        List<String[]> items = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            items.add(new String[] {Long.toString(i), "value " + i});
        }
        RecordingSession session = new RecordingSession(3, 41_000, true);
        byte[] archive = archive(items, List.of());
        assertThatThrownBy(() -> load(archive, session)).isInstanceOf(SQLException.class)
                .hasMessageContaining("rejected row 41000");
    }

    /** Every data record of every part, as stored, prefixed with its table's name. */
    private static List<String> storedRecords(byte[] archive) throws Exception {
        List<String> records = new ArrayList<>();
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive))) {
            for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
                for (String record : splitRecords(part.csvRecords().readAllBytes())) {
                    records.add(part.tableName() + "|" + record);
                }
            }
        }
        return records;
    }

    /** Cuts CSV bytes into records (each with its newline) at newlines outside quotes. */
    private static List<String> splitRecords(byte[] csv) {
        List<String> records = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < csv.length; i++) {
            if (csv[i] == '"') {
                quoted = !quoted;
            } else if (csv[i] == '\n' && !quoted) {
                records.add(new String(csv, start, i + 1 - start, java.nio.charset.StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        assertThat(start).as("the bytes end with a whole record").isEqualTo(csv.length);
        return records;
    }

    private Map<String, Long> load(byte[] archive, RestoreSession session) throws Exception {
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive));
             ParallelLoad load = new ParallelLoad(session, 3, new JobProgress("restore", null))) {
            for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
                load.submit(part);
            }
            Map<String, Long> loaded = load.finish();
            reader.finish();
            return loaded;
        }
    }

    private byte[] archive(List<String[]> items, List<String[]> tags) throws Exception {
        Schema schema = new Schema(List.of(ITEMS, TAGS), Map.of(), Map.of());
        SnapshotHeader header = SnapshotHeader.v1("20260102T030405Z-test", "main", "postgresql", "postgresql 15",
                Instant.now(), new StoredPosition("test", "1", Map.of()), schema, List.of());
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
        final AtomicInteger mostRecordsInOneLoad = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong mostBytesInOneLoad = new java.util.concurrent.atomic.AtomicLong();
        final AtomicInteger loads = new AtomicInteger();
        final int parallelism;
        final long rejectId;
        final boolean csv;

        RecordingSession(int parallelism, long rejectId) {
            this(parallelism, rejectId, false);
        }

        /** @param csv whether the session loads the archive's CSV as it is (then it records raw records) */
        RecordingSession(int parallelism, long rejectId, boolean csv) {
            this.parallelism = parallelism;
            this.rejectId = rejectId;
            this.csv = csv;
        }

        @Override
        public java.util.Optional<dev.tidemark.source.CsvImport> csvImport(Table table) {
            return csv ? java.util.Optional.of(this::loadCsv) : java.util.Optional.empty();
        }

        private long loadCsv(Table table, java.io.InputStream records) throws Exception {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                byte[] buffer = new byte[4096];
                for (int n = records.read(buffer); n >= 0; n = records.read(buffer)) {
                    bytes.write(buffer, 0, n);
                    Thread.sleep(0, 200_000);
                }
                List<String> loadedRecords = splitRecords(bytes.toByteArray());
                loads.incrementAndGet();
                mostBytesInOneLoad.accumulateAndGet(bytes.size(), Math::max);
                for (String record : loadedRecords) {
                    if (table.name().equals("items") && record.startsWith(rejectId + ",")) {
                        throw new SQLException("rejected row " + rejectId);
                    }
                    rows.add(table.name() + "|" + record);
                }
                mostRecordsInOneLoad.accumulateAndGet(loadedRecords.size(), Math::max);
                return loadedRecords.size();
            } finally {
                running.decrementAndGet();
            }
        }

        int mostRecordsInOnePart(byte[] archive) throws Exception {
            int most = 0;
            try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive))) {
                for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
                    most = Math.max(most, splitRecords(part.csvRecords().readAllBytes()).size());
                }
            }
            return most;
        }

        @Override
        public long load(Table table, RowSource source) throws Exception {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            loads.incrementAndGet();
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

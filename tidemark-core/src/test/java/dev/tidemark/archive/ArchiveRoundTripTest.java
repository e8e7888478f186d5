package dev.tidemark.archive;

import static dev.tidemark.archive.ArchiveFixtures.header;
import static dev.tidemark.archive.ArchiveFixtures.options;
import static dev.tidemark.archive.ArchiveFixtures.row;
import static dev.tidemark.archive.ArchiveFixtures.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.schema.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveRoundTripTest {
    @TempDir
    Path spool;

    @Test
    void edgeValuesComeBackExactly() throws IOException {
        String megabyte = "x".repeat(1024 * 1024 - 3) + "é\"";
        List<String[]> rows = List.of(
                row("1", null, ""),
                row("2", "", null),
                row("3", "say \"hi\"", "a,b"),
                row("4", "cr\rhere", "lf\nhere"),
                row("5", "crlf\r\nhere", "tab\there"),
                row("6", "back\\slash\\", "\\N"),
                row("7", "unicode ünïcödé 日本語", "emoji 🎉👍🏽"),
                row("8", megabyte, " leading and trailing "),
                row("9", "#not a comment", "\"\""),
                row("10", "null", "NULL"),
                row("11", " ", "\"quoted\""));
        Table t = table("edge values", "id", "a", "b");
        byte[] archive = ArchiveFixtures.write(header(t), options(spool, 64 * 1024 * 1024), List.of(rows));

        var back = ArchiveFixtures.readAll(archive);

        assertThat(back.rows().get("edge values")).containsExactlyElementsOf(rows);
        assertThat(back.header()).isEqualTo(header(t));
        assertThat(back.manifest().header()).isEqualTo(header(t));
        assertThat(back.manifest().totalRows()).isEqualTo(rows.size());
    }

    @Test
    void singleColumnNullAndEmptyStringStayDistinct() throws IOException {
        Table t = table("one", "v");
        List<String[]> rows = List.of(row((String) null), row(""), row("x"), row((String) null));
        byte[] archive = ArchiveFixtures.write(header(t), options(spool, 1 << 20), List.of(rows));

        assertThat(ArchiveFixtures.readAll(archive).rows().get("one")).containsExactlyElementsOf(rows);
        assertThat(ArchiveFixtures.utf8(ArchiveFixtures.entries(archive).get("data/0001-one/00001.csv")))
                .isEqualTo("v\n\n\"\"\nx\n\n");
    }

    @Test
    void emptyTableHasOneHeaderOnlyPart() throws IOException {
        Table empty = table("empty", "a", "b");
        Table after = table("after", "c");
        byte[] archive = ArchiveFixtures.write(header(empty, after), options(spool, 1024),
                List.of(List.of(), List.<String[]>of(row("1"))));

        var back = ArchiveFixtures.readAll(archive);
        var entries = ArchiveFixtures.entries(archive);

        assertThat(entries.keySet()).containsExactly("header.json", "data/0001-empty/00001.csv",
                "data/0002-after/00001.csv", "manifest.json");
        assertThat(ArchiveFixtures.utf8(entries.get("data/0001-empty/00001.csv"))).isEqualTo("a,b\n");
        assertThat(back.rows().get("empty")).isEmpty();
        assertThat(back.manifest().tables().get(0).parts()).singleElement()
                .satisfies(p -> assertThat(p.rows()).isZero());
        assertThat(back.rows().get("after")).containsExactly(row("1"));
    }

    @Test
    void largeTableIsSplitIntoPartsWithExactCountsAndHashes() throws Exception {
        Table t = table("events", "id", "payload");
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(row(Integer.toString(i), "payload " + "y".repeat(i % 17)));
        }
        long partSize = 1000;
        byte[] archive = ArchiveFixtures.write(header(t), options(spool, partSize), List.of(rows));

        var back = ArchiveFixtures.readAll(archive);
        var entries = ArchiveFixtures.entries(archive);
        List<PartInfo> parts = back.manifest().tables().get(0).parts();

        assertThat(back.rows().get("events")).containsExactlyElementsOf(rows);
        assertThat(parts).hasSizeGreaterThan(10);
        long rowSum = 0;
        for (int i = 0; i < parts.size(); i++) {
            PartInfo part = parts.get(i);
            assertThat(part.path()).isEqualTo(String.format("data/0001-events/%05d.csv", i + 1));
            byte[] content = entries.get(part.path());
            String text = ArchiveFixtures.utf8(content);
            assertThat(part.bytes()).isEqualTo(content.length);
            assertThat(part.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
            assertThat(text).startsWith("id,payload\n").endsWith("\n");
            assertThat(part.rows()).isEqualTo(text.lines().count() - 1);
            // cut at the first record boundary at or after the bound
            if (i < parts.size() - 1) {
                int lastRecordStart = text.lastIndexOf('\n', text.length() - 2) + 1;
                assertThat(content.length).isGreaterThanOrEqualTo((int) partSize);
                assertThat(ArchiveFixtures.utf8(content).substring(0, lastRecordStart).getBytes().length).isLessThan((int) partSize);
            }
            rowSum += part.rows();
        }
        assertThat(rowSum).isEqualTo(rows.size());
        assertThat(back.manifest().totalBytes()).isEqualTo(parts.stream().mapToLong(PartInfo::bytes).sum());
    }

    @Test
    void tableNamesAreMadeSafeForPaths() throws IOException {
        Table odd = table("Sales Q1/ü.\"x\"" + "z".repeat(80), "a");
        byte[] archive = ArchiveFixtures.write(header(odd), options(spool, 1024), List.of(List.<String[]>of(row("1"))));

        String expectedDir = "data/0001-" + ("Sales_Q1____x_" + "z".repeat(80)).substring(0, 60) + "/";
        assertThat(ArchiveFixtures.entries(archive).keySet()).contains(expectedDir + "00001.csv");
        assertThat(ArchiveFixtures.readAll(archive).rows().get(odd.name())).containsExactly(row("1"));
    }

    @Test
    void spoolDirectoryIsEmptyAfterFinishAndAfterAbandonedWrite() throws IOException {
        Table t = table("t", "a");
        ArchiveFixtures.write(header(t), options(spool, 10), List.of(List.<String[]>of(row("1"), row("2"), row("3"))));
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }

        var out = new ByteArrayOutputStream();
        try (var writer = new ArchiveWriter(out, header(t), options(spool, 1 << 20))) {
            TableWriter rows = writer.beginTable(t);
            rows.accept(row("never finished"));
        }
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void writerEnforcesSchemaOrderAndRowWidth() throws IOException {
        Table first = table("first", "a");
        Table second = table("second", "b", "c");
        try (var writer = new ArchiveWriter(new ByteArrayOutputStream(), header(first, second), options(spool, 1024))) {
            assertThatThrownBy(() -> writer.beginTable(second)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("expected first");
            TableWriter rows = writer.beginTable(first);
            assertThatThrownBy(() -> rows.accept(row("1", "2"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class);
            rows.close();
            assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("second");
        }
    }

    @Test
    void progressIsReportedPerTable() throws IOException {
        Table t = table("big", "v");
        List<long[]> reports = new ArrayList<>();
        var out = new ByteArrayOutputStream();
        try (var writer = new ArchiveWriter(out, header(t), options(spool, 1 << 20),
                (table, rows, bytes) -> reports.add(new long[] {rows, bytes}))) {
            try (TableWriter rows = writer.beginTable(t)) {
                for (int i = 0; i < 30_000; i++) {
                    rows.accept(row("z".repeat(99)));
                }
            }
            Manifest manifest = writer.finish();
            assertThat(reports).hasSizeGreaterThan(1);
            // reports are increments that add up to the whole table
            assertThat(reports.stream().mapToLong(r -> r[0]).sum()).isEqualTo(30_000);
            assertThat(reports.stream().mapToLong(r -> r[1]).sum()).isEqualTo(manifest.totalBytes());
        }
    }

    @Test
    void writerDoesNotCloseTheCallersStream() throws IOException {
        Table t = table("t", "a");
        var closed = new boolean[1];
        var out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (var writer = new ArchiveWriter(out, header(t), options(spool, 1024))) {
            writer.beginTable(t).close();
            writer.finish();
        }
        assertThat(closed[0]).isFalse();
        assertThat(ArchiveFixtures.readAll(out.toByteArray()).manifest().totalRows()).isZero();
    }

    @Test
    void partsThatAreNotReadAreStillVerifiedAndOldRowSourcesAreRefused() throws IOException {
        Table t = table("t", "a");
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(row(Integer.toString(i)));
        }
        byte[] archive = ArchiveFixtures.write(header(t), options(spool, 50), List.of(rows));

        try (ArchiveReader reader = ArchiveReader.open(new java.io.ByteArrayInputStream(archive))) {
            ArchivePart first = reader.nextPart();
            var firstRows = first.rows();
            assertThat(firstRows.next()).containsExactly("0");
            ArchivePart second = reader.nextPart();
            assertThat(second.partNumber()).isEqualTo(2);
            assertThat(second.path()).isEqualTo("data/0001-t/00002.csv");
            assertThatThrownBy(firstRows::next).isInstanceOf(IllegalStateException.class);
            Manifest manifest = reader.finish();
            assertThat(manifest.totalRows()).isEqualTo(100);
            assertThat(reader.nextPart()).isNull();
        }
    }

    @Test
    void unpairedSurrogatesBecomeQuestionMarksAsInJavasOwnEncoder() throws IOException {
        Table t = table("t", "a", "b");
        String lone = "x\uD800y\uDC00z\uD83D";
        byte[] archive = ArchiveFixtures.write(header(t), options(spool, 1024), List.of(List.<String[]>of(row(lone, "ok"))));

        var back = ArchiveFixtures.readAll(archive);

        assertThat(back.rows().get("t")).containsExactly(row(new String(lone.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8), "ok"));
        assertThat(back.rows().get("t").get(0)[0]).isEqualTo("x?y?z?");
    }

    @Test
    void tableWithoutColumnsKeepsItsRowCount() throws IOException {
        Table t = table("no_columns");
        byte[] archive = ArchiveFixtures.write(header(t), options(spool, 1024), List.of(List.<String[]>of(row(), row())));

        var back = ArchiveFixtures.readAll(archive);

        assertThat(back.rows().get("no_columns")).hasSize(2).allSatisfy(r -> assertThat(r).isEmpty());
        assertThat(back.manifest().totalRows()).isEqualTo(2);
    }

    @Test
    void databaseWithoutTablesMakesAReadableArchive() throws IOException {
        byte[] archive = ArchiveFixtures.write(header(), options(spool, 1024), List.of());

        var back = ArchiveFixtures.readAll(archive);

        assertThat(back.header()).isEqualTo(header());
        assertThat(back.manifest().tables()).isEmpty();
        assertThat(ArchiveFixtures.entries(archive).keySet()).containsExactly("header.json", "manifest.json");
    }
}

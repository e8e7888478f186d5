package dev.tidemark.archive;

import static dev.tidemark.archive.ArchiveFixtures.header;
import static dev.tidemark.archive.ArchiveFixtures.options;
import static dev.tidemark.archive.ArchiveFixtures.row;
import static dev.tidemark.archive.ArchiveFixtures.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import dev.tidemark.schema.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database's own CSV bytes written through {@link TableWriter#csvRecords()} make the same archive as rows. */
class CsvRecordsTest {
    @TempDir
    Path spool;

    private static List<String[]> rows(int count) {
        List<String[]> rows = new ArrayList<>();
        String[] awkward = {"", null, "a,b", "quote \" inside", "line\nbreak", "crlf\r\nend", "🚀 ünï", "\\x00ff", " spaced "};
        for (int i = 0; i < count; i++) {
            rows.add(row(Integer.toString(i), awkward[i % awkward.length], awkward[(i * 7 + 3) % awkward.length]));
        }
        return rows;
    }

    /** The rows as a database would print them: CSV records without header, NULL unquoted, "" for empty. */
    private static byte[] csv(List<String[]> rows) throws IOException {
        StringWriter text = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().quoteStrategy(QuoteStrategies.EMPTY).lineDelimiter(LineDelimiter.LF)
                .build(text)) {
            for (String[] row : rows) {
                writer.writeRecord(row);
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] archiveFromCsv(Table table, byte[] csv, long partSize, long seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random chunks = new Random(seed);
        try (ArchiveWriter writer = new ArchiveWriter(out, header(table), options(spool, partSize))) {
            try (TableWriter tableWriter = writer.beginTable(table); OutputStream records = tableWriter.csvRecords()) {
                int offset = 0;
                while (offset < csv.length) {
                    int n = Math.min(csv.length - offset, 1 + chunks.nextInt(300));
                    records.write(csv, offset, n);
                    offset += n;
                }
            }
            writer.finish();
        }
        return out.toByteArray();
    }

    @Test
    void csvBytesInArbitraryChunksMakeTheSameArchiveAsRows() throws Exception {
        Table t = table("t", "id", "a", "b");
        List<String[]> rows = rows(5_000);
        for (long partSize : new long[] {1 << 20, 2048}) {
            byte[] fromRows = ArchiveFixtures.write(header(t), options(spool, partSize), List.of(rows));
            byte[] fromCsv = archiveFromCsv(t, csv(rows), partSize, partSize);
            assertThat(ArchiveFixtures.entries(fromCsv)).containsExactlyEntriesOf(ArchiveFixtures.entries(fromRows));
            var readBack = ArchiveFixtures.readAll(fromCsv);
            assertThat(readBack.rows().get("t")).containsExactlyElementsOf(rows);
            int parts = readBack.manifest().tables().get(0).parts().size();
            if (partSize == 2048) {
                assertThat(parts).isGreaterThan(50);
            } else {
                assertThat(parts).isEqualTo(1);
            }
        }
    }

    @Test
    void anEmptyExportStillGivesTheTableItsHeaderPart() throws Exception {
        Table t = table("empty", "id");
        byte[] fromCsv = archiveFromCsv(t, new byte[0], 1 << 20, 1);
        assertThat(ArchiveFixtures.readAll(fromCsv).manifest().tables().get(0).rows()).isZero();
        assertThat(ArchiveFixtures.entries(fromCsv)).containsExactlyEntriesOf(
                ArchiveFixtures.entries(ArchiveFixtures.write(header(t), options(spool, 1 << 20), List.of(List.of()))));
    }

    @Test
    void anExportEndingInsideARecordIsRefused() throws Exception {
        Table t = table("t", "id", "a");
        byte[] truncated = "1,complete\n2,\"cut off".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> archiveFromCsv(t, truncated, 1 << 20, 1))
                .isInstanceOf(IOException.class).hasMessageContaining("ended inside a record");
    }
}

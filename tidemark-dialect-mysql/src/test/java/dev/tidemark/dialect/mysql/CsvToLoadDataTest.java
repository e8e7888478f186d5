package dev.tidemark.dialect.mysql;

import static dev.tidemark.dialect.mysql.RowsToLoadDataTest.COLUMNS;
import static dev.tidemark.dialect.mysql.RowsToLoadDataTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Archive CSV to the LOAD DATA stream: the same bytes as the row path, however the records are split. */
class CsvToLoadDataTest {
    @Test
    void quotingNullsEscapesAndConversionsGiveWhatTheRowPathGives() throws IOException {
        String csv = "1,\"tab\there, line\nbreak\r\n, back\\slash, nul\0, é 漢 🎉, \"\"quoted\"\"\",2024-06-01 14:00:00.5+00,true\n"
                + "2,,,false\n"
                + "3,\"\",\"1999-12-31 23:59:59+00\",f\n"
                + "\"4\",\\N,2000-01-01 00:00:00+00,\"t\"\n";
        List<String[]> rows = List.of(
                new String[] {"1", "tab\there, line\nbreak\r\n, back\\slash, nul\0, é 漢 🎉, \"quoted\"", "2024-06-01 14:00:00.5+00", "true"},
                new String[] {"2", null, null, "false"},
                new String[] {"3", "", "1999-12-31 23:59:59+00", "f"},
                new String[] {"4", "\\N", "2000-01-01 00:00:00+00", "t"});
        byte[] expected = readAll(rowStream(rows), 8192);
        assertThat(new String(expected, StandardCharsets.UTF_8)).startsWith("1\ttab\\there, line\\nbreak\\r\\n")
                .contains("2\t\\N\t\\N\t0\n3\t\t1999-12-31 23:59:59.000000\t0\n4\t\\\\N\t");
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= bytes.length; chunk++) {
            assertThat(readAll(csvStream(bytes, chunk), 8192)).as("in chunks of %d", chunk).isEqualTo(expected);
        }
    }

    @Test
    void largeInputsArriveWholeWhateverTheReadSize() throws IOException {
        StringBuilder csv = new StringBuilder();
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String note = "x\\y\t".repeat(i % 50) + "ü".repeat(i % 7);
            csv.append(i).append(",\"").append(note).append("\",2024-06-01 14:00:00.").append(i % 10).append("+00,")
                    .append(i % 2 == 0 ? "true" : "false").append('\n');
            rows.add(new String[] {Integer.toString(i), note, "2024-06-01 14:00:00." + (i % 10) + "+00", i % 2 == 0 ? "true" : "false"});
        }
        csv.append("big,").append("z".repeat(300_000)).append(",,\n");
        rows.add(new String[] {"big", "z".repeat(300_000), null, null});
        byte[] reference = readAll(rowStream(rows), 8192);
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(readAll(csvStream(bytes, 1 << 16), 1)).isEqualTo(reference);
        assertThat(readAll(csvStream(bytes, 1 << 16), 1_000_000)).isEqualTo(reference);
        assertThat(readAll(csvStream(bytes, 4093), 7)).isEqualTo(reference);
    }

    @Test
    void aRejectedValueEndsTheStreamWithoutAnyPartOfItsRow() throws IOException {
        byte[] csv = ("1,fine,,true\n2,\"a long note that is encoded before the bad value\",,maybe\n3,later,,true\n")
                .getBytes(StandardCharsets.UTF_8);
        LoadDataStream stream = csvStream(csv, csv.length);
        assertThat(new String(readAll(stream, 8192), StandardCharsets.UTF_8)).isEqualTo("1\tfine\t\\N\t1\n");
        assertThat(stream.failure()).hasMessageContaining("t.flag").hasMessageContaining("maybe");
        assertThat(stream.rowCount()).isEqualTo(1);
    }

    @Test
    void recordsEndingInsideARecordFailAsAnInvalidArchive() throws IOException {
        byte[] csv = "1,fine,,true\n2,cut".getBytes(StandardCharsets.UTF_8);
        LoadDataStream stream = csvStream(csv, 5);
        assertThat(new String(readAll(stream, 8192), StandardCharsets.UTF_8)).isEqualTo("1\tfine\t\\N\t1\n");
        assertThat(stream.failure()).isInstanceOf(TidemarkException.class).hasMessageContaining("inside a record");
        assertThat(((TidemarkException) stream.failure()).kind()).isEqualTo(ErrorKind.ARCHIVE_INVALID);
    }

    @Test
    void aFailingSourceEndsTheStreamAndIsReported() throws IOException {
        TidemarkException broken = new TidemarkException(ErrorKind.ARCHIVE_INVALID, "part 2 is corrupt", "use another snapshot");
        InputStream source = new InputStream() {
            private boolean first = true;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] target, int offset, int length) {
                if (first) {
                    first = false;
                    byte[] row = "1,fine,,true\n2,half".getBytes(StandardCharsets.UTF_8);
                    System.arraycopy(row, 0, target, offset, row.length);
                    return row.length;
                }
                throw broken;
            }
        };
        LoadDataStream stream = new CsvToLoadData("t", COLUMNS, source);
        assertThat(new String(readAll(stream, 8192), StandardCharsets.UTF_8)).isEqualTo("1\tfine\t\\N\t1\n");
        assertThat(stream.failure()).isSameAs(broken);
    }

    private static LoadDataStream rowStream(List<String[]> rows) {
        Iterator<String[]> iterator = rows.iterator();
        return new RowsToLoadData("t", COLUMNS, () -> iterator.hasNext() ? iterator.next() : null);
    }

    /** The records, handed out at most {@code chunk} bytes per read. */
    private static LoadDataStream csvStream(byte[] csv, int chunk) {
        InputStream records = new ByteArrayInputStream(csv) {
            @Override
            public synchronized int read(byte[] target, int offset, int length) {
                return super.read(target, offset, Math.min(length, chunk));
            }
        };
        return new CsvToLoadData("t", COLUMNS, records);
    }
}

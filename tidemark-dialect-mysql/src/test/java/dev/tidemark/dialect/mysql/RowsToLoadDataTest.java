package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowsToLoadDataTest {
    /** Two columns loaded as they are, two converted. */
    static final List<TargetColumn> COLUMNS = List.of(
            new TargetColumn("id", "bigint", LoadKind.TEXT, null),
            new TargetColumn("note", "longtext", LoadKind.TEXT, null),
            new TargetColumn("at", "timestamp(6)", LoadKind.TIMESTAMPTZ, null),
            new TargetColumn("flag", "tinyint(1)", LoadKind.BOOLEAN, null));

    @Test
    void escapesSeparatorsAndEncodesUtf8() throws IOException {
        String note = "tab\there, line\nbreak\r\n, back\\slash, nul\0, é ü 漢 🎉, \"quotes\" 'and' commas";
        byte[] bytes = readAll(stream(List.of(
                new String[] {"1", note, "2024-06-01 14:00:00.5+00", "true"},
                new String[] {"2", null, null, "false"},
                new String[] {"3", "", "1999-12-31 23:59:59+00", "f"})), 8192);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(
                "1\ttab\\there, line\\nbreak\\r\\n, back\\\\slash, nul\\0, é ü 漢 🎉, \"quotes\" 'and' commas"
                        + "\t2024-06-01 14:00:00.500000\t1\n"
                        + "2\t\\N\t\\N\t0\n"
                        + "3\t\t1999-12-31 23:59:59.000000\t0\n");
    }

    @Test
    void theSameBytesArriveWhateverTheReadSizeAndNoReadExceedsOnePacket() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rows.add(new String[] {Integer.toString(i), "x\\y\t".repeat(i % 50) + "ü".repeat(i % 7),
                "2024-06-01 14:00:00." + (i % 10) + "+00", i % 2 == 0 ? "true" : "false"});
        }
        rows.add(new String[] {"big", "z".repeat(100_000), null, null});
        byte[] reference = readAll(stream(rows), 1);
        assertThat(readAll(stream(rows), 8192)).isEqualTo(reference);
        assertThat(readAll(stream(rows), 1_000_000)).isEqualTo(reference);
        assertThat(readAll(stream(rows), 7)).isEqualTo(reference);
    }

    @Test
    void aRejectedValueEndsTheStreamWithoutAnyPartOfItsRow() throws IOException {
        LoadDataStream stream = stream(List.of(
                new String[] {"1", "fine", null, "true"},
                new String[] {"2", "a long note that is encoded before the bad value", null, "maybe"}));
        byte[] bytes = readAll(stream, 8192);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("1\tfine\t\\N\t1\n");
        assertThat(stream.failure()).hasMessageContaining("flag").hasMessageContaining("maybe");
        assertThat(stream.rowCount()).isEqualTo(1);
    }

    private static LoadDataStream stream(List<String[]> rows) {
        Iterator<String[]> iterator = rows.iterator();
        return new RowsToLoadData("t", COLUMNS, () -> iterator.hasNext() ? iterator.next() : null);
    }

    /** Everything the stream hands out, read {@code readSize} bytes at a time; no read may exceed a packet. */
    static byte[] readAll(LoadDataStream stream, int readSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[readSize];
        int n;
        while ((n = stream.read(chunk)) > 0) {
            assertThat(n).isLessThanOrEqualTo(LoadDataStream.MAX_READ);
            out.write(chunk, 0, n);
        }
        assertThat(stream.read(chunk)).isEqualTo(-1);
        return out.toByteArray();
    }
}

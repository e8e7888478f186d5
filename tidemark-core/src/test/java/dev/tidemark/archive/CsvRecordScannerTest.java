package dev.tidemark.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The raw-record scanner: record ends, quoting, UTF-8 and field counts, wherever the buffers happen to end. */
class CsvRecordScannerTest {

    /** Hands out its bytes in chunks of random size, so records and characters straddle buffer ends. */
    private static InputStream chunked(byte[] bytes, long seed) {
        Random random = new Random(seed);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
            }
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static CsvRecordScanner scanner(byte[] part, int columns, long seed) throws IOException {
        CsvRecordScanner scanner = new CsvRecordScanner(chunked(part, seed), "data/0001-t/00001.csv", "t", columns);
        scanner.readHeader();
        scanner.checkRecords();
        return scanner;
    }

    /** Reads the records the way a loader does and returns the bytes it saw. */
    private static byte[] readAll(CsvRecordScanner scanner, long seed) throws IOException {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16];
        int n;
        while ((n = scanner.read(buffer, 0, 1 + random.nextInt(buffer.length))) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String csv(List<String[]> rows) throws IOException {
        StringWriter text = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().quoteStrategy(QuoteStrategies.EMPTY).lineDelimiter(LineDelimiter.LF)
                .build(text)) {
            for (String[] row : rows) {
                writer.writeRecord(row);
            }
        }
        return text.toString();
    }

    @Test
    void recordsPassUnchangedAndAreCountedWhereverBuffersEnd() throws IOException {
        String[] awkward = {"", null, "a,b", "quote \" inside", "\"", "line\nbreak", "\n", "crlf\r\nend", "🚀 ünï",
            "\\.", "#hash", "\\x00ff", " spaced ", "\"\"", ",", "日本語\n\"x\",y"};
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(new String[] {awkward[i % awkward.length], Integer.toString(i), awkward[(i * 7 + 3) % awkward.length]});
        }
        String records = csv(rows);
        byte[] part = utf8("a,id,b\n" + records);
        for (long seed = 1; seed <= 5; seed++) {
            CsvRecordScanner scanner = new CsvRecordScanner(chunked(part, seed), "p", "t", 3);
            assertThat(scanner.readHeader()).containsExactly("a", "id", "b");
            scanner.checkRecords();
            assertThat(new String(readAll(scanner, seed), StandardCharsets.UTF_8)).isEqualTo(records);
            assertThat(scanner.records()).isEqualTo(rows.size());
        }
    }

    @Test
    void quotedHeaderNamesAreParsed() throws IOException {
        CsvRecordScanner scanner = new CsvRecordScanner(new ByteArrayInputStream(utf8("\"a,b\",\"say \"\"hi\"\"\",c\n1,2,3\n")),
                "p", "t", 3);
        assertThat(scanner.readHeader()).containsExactly("a,b", "say \"hi\"", "c");
        scanner.checkRecords();
        assertThat(readAll(scanner, 1)).isEqualTo(utf8("1,2,3\n"));
        assertThat(scanner.records()).isEqualTo(1);
    }

    @Test
    void emptyLinesAreOneNullFieldAndALastRecordWithoutNewlineCounts() throws IOException {
        CsvRecordScanner oneColumn = scanner(utf8("v\n\nx\n\"\"\n\n"), 1, 3);
        readAll(oneColumn, 3);
        assertThat(oneColumn.records()).isEqualTo(4);

        CsvRecordScanner unterminated = scanner(utf8("a,b\n1,2\n3,\"4\""), 2, 4);
        assertThat(readAll(unterminated, 4)).isEqualTo(utf8("1,2\n3,\"4\""));
        assertThat(unterminated.records()).isEqualTo(2);

        CsvRecordScanner headerOnly = scanner(utf8("a,b\n"), 2, 5);
        assertThat(readAll(headerOnly, 5)).isEmpty();
        assertThat(headerOnly.records()).isZero();
    }

    @Test
    void skippedRecordsAreCheckedAndCountedToo() throws IOException {
        CsvRecordScanner scanner = scanner(utf8("a,b\n1,2\n3,4\n5,6\n"), 2, 6);
        scanner.read();
        scanner.skipRest();
        assertThat(scanner.records()).isEqualTo(3);
        assertThat(scanner.read()).isEqualTo(-1);

        CsvRecordScanner bad = scanner(utf8("a,b\n1,2\n3,4,5\n"), 2, 7);
        assertThatThrownBy(bad::skipRest).hasMessageContaining("line 3 has 3 fields but table t has 2 columns");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1,2\n3\n",                 // too few fields
        "1,2\n3,4,5\n",             // too many fields
        "1,2\n3,\"4\n",             // quote never closed
        "1,2\n3,\"4\"x\n",          // characters after the closing quote
        "1,2\n3,4\"5\"\n",          // a quote inside an unquoted field, which PostgreSQL would read as quoting
        "1,2\r\n3,4\r\n",           // CRLF record ends
        "1,2\n3\r,4\n",             // a bare carriage return outside quotes
        "\\.\n1,2\n",               // PostgreSQL's end-of-data marker as a record
    })
    void malformedRecordsAreRejected(String records) throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            CsvRecordScanner scanner = scanner(utf8("a,b\n" + records), 2, seed);
            assertThatThrownBy(() -> readAll(scanner, 1))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.ARCHIVE_INVALID);
                        assertThat(e.getMessage()).startsWith("archive is corrupt: ").contains("data/0001-t/00001.csv");
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c3",          // a lead byte without its continuation
        "c328",        // a lead byte followed by ASCII
        "c080",        // overlong form of NUL
        "e08080",      // overlong three-byte form
        "eda080",      // a UTF-16 surrogate
        "f4908080",    // above U+10FFFF
        "f5808080",    // never a lead byte
        "80",          // a lone continuation byte
        "fe",
    })
    void invalidUtf8IsRejectedEvenWhenSplitAcrossBuffers(String hex) throws IOException {
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        part.writeBytes(utf8("a,b\n1,\"x"));
        part.writeBytes(bad);
        part.writeBytes(utf8("\"\n"));
        for (long seed = 1; seed <= 4; seed++) {
            CsvRecordScanner scanner = scanner(part.toByteArray(), 2, seed);
            assertThatThrownBy(() -> readAll(scanner, 1))
                    .isInstanceOfSatisfying(TidemarkException.class,
                            e -> assertThat(e.getMessage()).isEqualTo("archive is corrupt: data/0001-t/00001.csv is not valid UTF-8"));
        }
    }

    @Test
    void aCharacterCutOffByTheEndOfThePartIsRejected() throws IOException {
        byte[] part = utf8("a,b\n1,x😀");
        CsvRecordScanner scanner = scanner(java.util.Arrays.copyOf(part, part.length - 1), 2, 1);
        assertThatThrownBy(() -> readAll(scanner, 1)).hasMessageContaining("is not valid UTF-8");
    }

    @Test
    void everyValidUtf8LengthPasses() throws IOException {
        String text = "a,b\n\"é€😀\u007f\",\uD83D\uDE00\uFFFD\u0800\u07FF\n";
        CsvRecordScanner scanner = scanner(utf8(text), 2, 9);
        assertThat(new String(readAll(scanner, 9), StandardCharsets.UTF_8)).isEqualTo(text.substring(4));
        assertThat(scanner.records()).isEqualTo(1);
    }

    @Test
    void aMalformedRecordIsRejectedBeforeAnyByteOfItsBufferIsHandedOut() throws IOException {
        CsvRecordScanner scanner = new CsvRecordScanner(new ByteArrayInputStream(utf8("a,b\n1,2\n3,4\n5\n")), "p", "t", 2);
        scanner.readHeader();
        scanner.checkRecords();
        assertThatThrownBy(scanner::read).hasMessageContaining("line 4 has 1 fields");
    }

    @Test
    void withoutCheckingTheBytesPassAsTheyAre() throws IOException {
        CsvRecordScanner scanner = new CsvRecordScanner(chunked(utf8("a,b\nnot,\"csv\n"), 1), "p", "t", 2);
        scanner.readHeader();
        assertThat(readAll(scanner, 1)).isEqualTo(utf8("not,\"csv\n"));
        assertThat(scanner.records()).isZero();
    }
}

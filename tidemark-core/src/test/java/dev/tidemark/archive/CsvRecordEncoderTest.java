package dev.tidemark.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes of a record, as docs/FORMAT.md ("CSV") spells them. */
class CsvRecordEncoderTest {
    @TempDir
    Path spoolDir;

    private String encode(String... values) throws IOException {
        return encodeRecords(new String[][] {values});
    }

    private String encodeRecords(String[]... records) throws IOException {
        PartSpool spool = new PartSpool(spoolDir);
        try {
            CsvRecordEncoder encoder = new CsvRecordEncoder();
            for (String[] values : records) {
                encoder.write(values, spool);
            }
            long counted = spool.bytes();
            spool.complete();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            try (InputStream in = spool.read()) {
                in.transferTo(read);
            }
            assertThat(read.size()).as("bytes counted").isEqualTo(counted);
            return read.toString(StandardCharsets.UTF_8);
        } finally {
            spool.discard();
        }
    }

    @Test
    void nullIsAnEmptyFieldAndTheEmptyStringTwoQuotes() throws IOException {
        assertThat(encode("1", null, "", null)).isEqualTo("1,,\"\",\n");
        assertThat(encode((String) null)).isEqualTo("\n");
    }

    @Test
    void onlyCommasQuotesAndLineBreaksNeedQuotes() throws IOException {
        assertThat(encode("a,b", "say \"hi\"", "line\nbreak", "cr\r", "\"", "tab\t back\\slash  "))
                .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\r\",\"\"\"\",tab\t back\\slash  \n");
    }

    @Test
    void aRecordStartingWithAHashIsQuotedSoNoReaderTakesItForAComment() throws IOException {
        assertThat(encode("#1", "#2")).isEqualTo("\"#1\",#2\n");
    }

    @Test
    void textIsUtf8AndUnpairedSurrogatesBecomeQuestionMarks() throws IOException {
        assertThat(encode("é 漢 🎉", "x\uD800y", "\uDC00")).isEqualTo("é 漢 🎉,x?y,?\n");
    }

    @Test
    void longValuesCrossTheSpoolBufferAndTheNextRecordStartsAfresh() throws IOException {
        String big = "ab\"c".repeat(40_000);
        assertThat(encodeRecords(new String[] {"1", big}, new String[] {"2", "x"}))
                .isEqualTo("1,\"" + big.replace("\"", "\"\"") + "\"\n2,x\n");
    }
}

package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyIn;

/** Archive CSV to COPY's text format, on records split at every possible place. */
class CsvToCopyTextTest {
    /** A CopyIn that keeps what it is sent. */
    private static CopyIn collecting(ByteArrayOutputStream sent) {
        return (CopyIn) Proxy.newProxyInstance(CopyIn.class.getClassLoader(), new Class<?>[] {CopyIn.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("writeToCopy") && args.length == 3) {
                        sent.write((byte[]) args[0], (int) args[1], (int) args[2]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static String convert(String csv, int columns, int splitAt) throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        CsvToCopyText text = new CsvToCopyText(new CopyText(collecting(sent)), columns);
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        text.write(bytes, 0, splitAt);
        text.write(bytes, splitAt, bytes.length - splitAt);
        text.flush();
        assertThat(text.atRecordEnd()).isTrue();
        return sent.toString(StandardCharsets.UTF_8);
    }

    private static void assertConverts(String csv, int columns, String expected) throws Exception {
        int length = csv.getBytes(StandardCharsets.UTF_8).length;
        for (int split = 0; split <= length; split++) {
            assertThat(convert(csv, columns, split)).as("split at %d", split).isEqualTo(expected);
        }
    }

    @Test
    void nullIsAnUnquotedEmptyFieldAndTheEmptyStringAQuotedOne() throws Exception {
        assertConverts(",\"\",x\n\"\",,\n", 3, "\\N\t\t" + "x\n" + "\t\\N\t\\N\n");
    }

    @Test
    void quotedFieldsLoseTheirQuotesAndDoubledQuotesTheirTwin() throws Exception {
        assertConverts("1,\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\n", 4, "1\ta,b\tsay \"hi\"\t\"\n");
    }

    @Test
    void backslashTabNewlineAndCarriageReturnAreEscapedWhereverTheyAre() throws Exception {
        assertConverts("\"a\\b\tc\nd\re\",x\\y\tz\n", 2, "a\\\\b\\tc\\nd\\re\tx\\\\y\\tz\n");
    }

    @Test
    void theEndOfDataMarkerIsJustData() throws Exception {
        assertConverts("\\.\n\"\\.\"\n", 1, "\\\\.\n\\\\.\n");
    }

    @Test
    void anEmptyRecordIsOneNullOrNothingWithoutColumns() throws Exception {
        assertConverts("\n\n", 1, "\\N\n\\N\n");
        assertConverts("\n\n", 0, "\n\n");
    }

    @Test
    void multiByteCharactersPassUnchanged() throws Exception {
        assertConverts("ü,\"日本 😀\"\n", 2, "ü\t日本 😀\n");
    }

    @Test
    void recordsThatStopMidwayAreNotAtTheirEnd() throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        CsvToCopyText text = new CsvToCopyText(new CopyText(collecting(sent)), 2);
        text.write("1,\"open".getBytes(StandardCharsets.UTF_8));
        assertThat(text.atRecordEnd()).isFalse();
    }

    @Test
    void rowsWriteTheSameTextAsConvertedRecords() throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        CopyText text = new CopyText(collecting(sent));
        text.row(new String[] {null, "", "a\\b\tc\nd\re", "\\.", "say \"hi\""}, 5);
        text.flush();
        assertThat(sent.toString(StandardCharsets.UTF_8))
                .isEqualTo(convert(",\"\",\"a\\b\tc\nd\re\",\\.,\"say \"\"hi\"\"\"\n", 5, 0));
        assertThatThrownBy(() -> text.row(new String[] {"1"}, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}

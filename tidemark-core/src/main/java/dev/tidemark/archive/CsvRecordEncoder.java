package dev.tidemark.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes one record of the archive's CSV (docs/FORMAT.md, "CSV"): UTF-8, fields separated by commas, {@code \n}
 * after the record, NULL as an empty field, the empty string as {@code ""}, and a field quoted (its quotes
 * doubled) only when it holds a comma, quote, CR or LF or is a record's first and starts with {@code #}. Unpaired surrogates are written as {@code ?}, as Java's
 * UTF-8 encoder writes them.
 */
final class CsvRecordEncoder {
    /** The bytes that make a field need quotes. */
    private static final boolean[] NEEDS_QUOTES = new boolean[128];

    static {
        for (char c : ",\"\r\n".toCharArray()) {
            NEEDS_QUOTES[c] = true;
        }
    }

    private CsvRecordEncoder() {
    }

    static void write(String[] values, PartSpool out) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.writeByte(',');
            }
            String value = values[i];
            if (value == null) {
                continue;
            }
            if (value.isEmpty()) {
                out.writeByte('"');
                out.writeByte('"');
                continue;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            // a record starting with '#' would read as a comment to many CSV readers
            int first = i == 0 && bytes[0] == '#' ? 0 : firstNeedingQuotes(bytes);
            if (first < 0) {
                out.writeUtf8(bytes, 0, bytes.length);
            } else {
                writeQuoted(bytes, first, out);
            }
        }
        out.writeByte('\n');
    }

    private static int firstNeedingQuotes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b >= 0 && NEEDS_QUOTES[b]) {
                return i;
            }
        }
        return -1;
    }

    private static void writeQuoted(byte[] bytes, int from, PartSpool out) throws IOException {
        out.writeByte('"');
        int runStart = 0;
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '"') {
                // the run ends with this quote and the next starts with it: the quote is written twice
                out.writeUtf8(bytes, runStart, i + 1 - runStart);
                runStart = i;
            }
        }
        out.writeUtf8(bytes, runStart, bytes.length - runStart);
        out.writeByte('"');
    }
}

package dev.tidemark.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes records of the archive's CSV (docs/FORMAT.md, "CSV"): UTF-8, fields separated by commas, {@code \n}
 * after each record, NULL as an empty field, the empty string as {@code ""}, and a field quoted (its quotes
 * doubled) only when it holds a comma, quote, CR or LF or is a record's first and starts with {@code #}.
 * Unpaired surrogates are written as {@code ?}, as Java's UTF-8 encoder writes them. A record is assembled
 * whole and handed to the spool in one piece.
 */
final class CsvRecordEncoder {
    /** The bytes that make a field need quotes. */
    private static final boolean[] NEEDS_QUOTES = new boolean[128];

    static {
        for (char c : ",\"\r\n".toCharArray()) {
            NEEDS_QUOTES[c] = true;
        }
    }

    private byte[] record = new byte[1024];
    private int length;

    void write(String[] values, PartSpool out) throws IOException {
        length = 0;
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                append((byte) ',');
            }
            String value = values[i];
            if (value == null) {
                continue;
            }
            if (value.isEmpty()) {
                append((byte) '"');
                append((byte) '"');
                continue;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            // a record starting with '#' would read as a comment to many CSV readers
            int first = i == 0 && bytes[0] == '#' ? 0 : firstNeedingQuotes(bytes);
            if (first < 0) {
                ensureRoom(bytes.length);
                System.arraycopy(bytes, 0, record, length, bytes.length);
                length += bytes.length;
            } else {
                appendQuoted(bytes, first);
            }
        }
        append((byte) '\n');
        out.writeUtf8(record, 0, length);
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

    /** Appends {@code bytes} in quotes, doubling each quote from {@code from} on (there are none before it). */
    private void appendQuoted(byte[] bytes, int from) {
        ensureRoom(2 * bytes.length - from + 2);
        byte[] target = record;
        int at = length;
        target[at++] = '"';
        System.arraycopy(bytes, 0, target, at, from);
        at += from;
        for (int i = from; i < bytes.length; i++) {
            byte b = bytes[i];
            target[at++] = b;
            if (b == '"') {
                target[at++] = '"';
            }
        }
        target[at++] = '"';
        length = at;
    }

    private void append(byte b) {
        ensureRoom(1);
        record[length++] = b;
    }

    private void ensureRoom(int bytes) {
        if (length + bytes > record.length) {
            record = Arrays.copyOf(record, Math.max(2 * record.length, length + bytes));
        }
    }
}

package dev.tidemark.dialect.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows as input for {@code COPY … FROM STDIN WITH (FORMAT csv)}: SQL NULL as an unquoted empty
 * field, every other value quoted (so an empty string, or a value such as {@code \.}, keeps its meaning).
 * Sends in chunks of about 64 KiB, so a table is never held in memory.
 */
final class CopyCsvWriter {
    private static final int CHUNK = 1 << 16;

    private final CopyIn copy;
    private final byte[] chunk = new byte[CHUNK * 2];
    private int used;

    CopyCsvWriter(CopyIn copy) {
        this.copy = copy;
    }

    void write(String[] values, int columns) throws SQLException {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values for " + columns + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put((byte) ',');
            }
            String value = values[i];
            if (value != null) {
                putQuoted(value.getBytes(StandardCharsets.UTF_8));
            }
        }
        put((byte) '\n');
        if (used >= CHUNK) {
            flush();
        }
    }

    /** Copies the value in runs between its quote characters, doubling each ({@code "} never occurs inside a multi-byte UTF-8 sequence). */
    private void putQuoted(byte[] value) throws SQLException {
        put((byte) '"');
        int start = 0;
        for (int i = 0; i < value.length; i++) {
            if (value[i] == '"') {
                put(value, start, i + 1 - start);
                start = i;
            }
        }
        put(value, start, value.length - start);
        put((byte) '"');
    }

    private void put(byte b) throws SQLException {
        if (used == chunk.length) {
            flush();
        }
        chunk[used++] = b;
    }

    private void put(byte[] bytes, int offset, int length) throws SQLException {
        if (used + length > chunk.length) {
            flush();
            if (length > chunk.length) {
                copy.writeToCopy(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, chunk, used, length);
        used += length;
    }

    void flush() throws SQLException {
        if (used > 0) {
            copy.writeToCopy(chunk, 0, used);
            used = 0;
        }
    }
}

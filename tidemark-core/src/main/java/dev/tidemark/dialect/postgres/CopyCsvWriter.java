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
    private final StringBuilder line = new StringBuilder(256);
    private final byte[] chunk = new byte[CHUNK * 2];
    private int used;

    CopyCsvWriter(CopyIn copy) {
        this.copy = copy;
    }

    void write(String[] values, int columns) throws SQLException {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values for " + columns + " columns");
        }
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = values[i];
            if (value == null) {
                continue;
            }
            line.append('"');
            for (int j = 0; j < value.length(); j++) {
                char c = value.charAt(j);
                if (c == '"') {
                    line.append('"');
                }
                line.append(c);
            }
            line.append('"');
        }
        line.append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        if (used + bytes.length > chunk.length) {
            flush();
            if (bytes.length > chunk.length) {
                copy.writeToCopy(bytes, 0, bytes.length);
                return;
            }
        }
        System.arraycopy(bytes, 0, chunk, used, bytes.length);
        used += bytes.length;
        if (used >= CHUNK) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (used > 0) {
            copy.writeToCopy(chunk, 0, used);
            used = 0;
        }
    }
}

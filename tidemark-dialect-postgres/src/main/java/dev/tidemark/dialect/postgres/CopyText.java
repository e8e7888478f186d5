package dev.tidemark.dialect.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Writes the input of {@code COPY … FROM STDIN} in PostgreSQL's text format: values separated by tabs, rows
 * ended by newlines, SQL NULL as {@code \N}, and a backslash, tab, newline or carriage return inside a value
 * written as {@code \\}, {@code \t}, {@code \n}, {@code \r}. Every other byte, multi-byte UTF-8 included,
 * stands for itself. The server parses this format with markedly less CPU than CSV (docs/BENCHMARKS.md).
 * Sends in chunks of about 64 KiB, so a table is never held in memory.
 */
final class CopyText {
    private static final int CHUNK = 1 << 16;
    /** The bytes a value cannot hold as they are. */
    static final String ESCAPED = "\\\t\n\r";
    /** What follows the backslash for each of {@link #ESCAPED}, indexed by the byte. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        String letters = "\\tnr";
        for (int i = 0; i < ESCAPED.length(); i++) {
            ESCAPE[ESCAPED.charAt(i)] = (byte) letters.charAt(i);
        }
    }

    private final CopyIn copy;
    private final byte[] chunk = new byte[CHUNK * 2];
    private int used;

    CopyText(CopyIn copy) {
        this.copy = copy;
    }

    /** Whether {@code b} has to be escaped inside a value. */
    static boolean escaped(byte b) {
        return b >= 0 && ESCAPE[b] != 0;
    }

    void row(String[] values, int columns) throws CopyFailure {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values for " + columns + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put((byte) '\t');
            }
            String value = values[i];
            if (value == null) {
                putNull();
            } else {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                value(bytes, 0, bytes.length);
            }
        }
        put((byte) '\n');
    }

    /** Writes {@code bytes[from..to)} as (part of) a value, escaping what needs it. */
    void value(byte[] bytes, int from, int to) throws CopyFailure {
        int start = from;
        for (int i = from; i < to; i++) {
            if (escaped(bytes[i])) {
                put(bytes, start, i - start);
                putEscaped(bytes[i]);
                start = i + 1;
            }
        }
        put(bytes, start, to - start);
    }

    void putEscaped(byte b) throws CopyFailure {
        put((byte) '\\');
        put(ESCAPE[b]);
    }

    void putNull() throws CopyFailure {
        put((byte) '\\');
        put((byte) 'N');
    }

    void put(byte b) throws CopyFailure {
        if (used == chunk.length) {
            flush();
        }
        chunk[used++] = b;
    }

    void put(byte[] bytes, int offset, int length) throws CopyFailure {
        if (used + length > chunk.length) {
            flush();
            if (length > chunk.length) {
                send(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, chunk, used, length);
        used += length;
    }

    /** Sends what is buffered once a chunk's worth has gathered. */
    void sendFull() throws CopyFailure {
        if (used >= CHUNK) {
            flush();
        }
    }

    void flush() throws CopyFailure {
        if (used > 0) {
            send(chunk, 0, used);
            used = 0;
        }
    }

    private void send(byte[] bytes, int offset, int length) throws CopyFailure {
        try {
            copy.writeToCopy(bytes, offset, length);
        } catch (SQLException e) {
            throw new CopyFailure(e);
        }
    }

    /** A failure of the server while sending, told apart from failures reading the archive. */
    static final class CopyFailure extends IOException {
        private static final long serialVersionUID = 1L;

        CopyFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}

package dev.tidemark.dialect.mysql;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.Arrays;
import java.util.List;

/**
 * A table's rows as a LOAD DATA text stream (tab-separated fields, newline-terminated lines, backslash escapes,
 * {@code \N} for NULL), encoded on demand as the driver reads. Only whole rows are handed out: a row that
 * fails to encode never reaches the server, and neither does any part of it.
 */
abstract class LoadDataStream extends InputStream {
    /**
     * The most a read returns. The driver copies each read into its 8 KiB packet buffer behind a 4-byte header;
     * a longer read makes it allocate a 128 KiB buffer, and it shrinks it again after every packet.
     */
    static final int MAX_READ = 8192 - 4;
    /** The bytes LOAD DATA reads as separators or escapes, which a value must escape. */
    static final String ESCAPED = "\\\t\n\r\0";
    /** What follows the backslash for each of {@link #ESCAPED}, indexed by the byte. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        String letters = "\\tnr0";
        for (int i = 0; i < ESCAPED.length(); i++) {
            ESCAPE[ESCAPED.charAt(i)] = (byte) letters.charAt(i);
        }
    }

    private final String table;
    final List<TargetColumn> columns;
    /** Encoded bytes: {@code [position..ready)} is whole rows still to hand out, {@code [ready..limit)} a row begun. */
    private byte[] buffer = new byte[1 << 14];
    private int position;
    private int ready;
    private int limit;
    private boolean finished;
    private long rowCount;
    private Exception failure;

    LoadDataStream(String table, List<TargetColumn> columns) {
        this.table = table;
        this.columns = columns;
    }

    /**
     * Encodes more at the end of the buffer with the put methods, ending each row with {@link #endRow}.
     *
     * @return false once nothing is left to encode, or after {@link #fail}
     */
    abstract boolean encodeMore();

    /** Rows handed to the server so far. */
    final long rowCount() {
        return rowCount;
    }

    /** The failure that ended the stream early (bad value or unreadable source), or null. */
    final Exception failure() {
        return failure;
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int wanted = Math.min(length, MAX_READ);
        int written = 0;
        while (written < wanted) {
            if (position == ready) {
                if (finished) {
                    break;
                }
                dropHandedOut();
                finished = !encodeMore();
                continue;
            }
            int n = Math.min(wanted - written, ready - position);
            System.arraycopy(buffer, position, target, offset + written, n);
            position += n;
            written += n;
        }
        return written == 0 ? -1 : written;
    }

    private void dropHandedOut() {
        if (ready > 0) {
            System.arraycopy(buffer, ready, buffer, 0, limit - ready);
            limit -= ready;
            position = 0;
            ready = 0;
        }
    }

    final void endRow() {
        put((byte) '\n');
        ready = limit;
        rowCount++;
    }

    final void putNull() {
        ensureRoom(2);
        buffer[limit++] = '\\';
        buffer[limit++] = 'N';
    }

    /** Appends bytes of a value, none of which is one of {@link #ESCAPED}. */
    final void putPlain(byte[] bytes, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(bytes, offset, buffer, limit, length);
        limit += length;
    }

    /** Appends one of {@link #ESCAPED}, escaped. */
    final void putEscaped(byte b) {
        ensureRoom(2);
        buffer[limit++] = '\\';
        buffer[limit++] = ESCAPE[b];
    }

    /**
     * Appends the value of column {@code column} from its canonical text, converted for LOAD DATA.
     *
     * @return false when the value cannot be converted; the stream has then {@link #fail failed}
     */
    final boolean putValue(int column, String value) {
        TargetColumn target = columns.get(column);
        String text;
        try {
            text = MysqlValues.toLoadText(target.loadKind(), value);
        } catch (IllegalArgumentException | DateTimeException e) {
            return fail(new TidemarkException(ErrorKind.DATABASE_ERROR, table + "." + target.name() + ": value "
                    + abbreviate(value) + " rejected: " + e.getMessage(), "nothing was committed; fix the value in the source"));
        }
        putText(text.getBytes(StandardCharsets.UTF_8));
        return true;
    }

    /**
     * Appends UTF-8 bytes, escaping those in {@link #ESCAPED}. They are all ASCII, and UTF-8 never uses ASCII
     * bytes inside a multi-byte character, so the bytes can be scanned and copied in runs.
     */
    private void putText(byte[] bytes) {
        int runStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] >= 0 && ESCAPE[bytes[i]] != 0) {
                putPlain(bytes, runStart, i - runStart);
                putEscaped(bytes[i]);
                runStart = i + 1;
            }
        }
        putPlain(bytes, runStart, bytes.length - runStart);
    }

    final void put(byte b) {
        ensureRoom(1);
        buffer[limit++] = b;
    }

    private void ensureRoom(int bytes) {
        if (limit + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, limit + bytes));
        }
    }

    /**
     * Ends the stream after the last whole row, dropping the row begun. It ends as if complete rather than with an
     * IOException because the driver closes the connection on a failing stream; the caller checks {@link #failure()}
     * after the statement.
     *
     * @return false, for {@link #encodeMore} to return
     */
    final boolean fail(Exception e) {
        limit = ready;
        failure = e;
        return false;
    }

    final TidemarkException archiveInvalid(String problem) {
        return new TidemarkException(ErrorKind.ARCHIVE_INVALID, "table " + table + ": " + problem,
                "the snapshot does not match its schema");
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? "'" + value + "'" : "'" + value.substring(0, 40) + "…'";
    }
}

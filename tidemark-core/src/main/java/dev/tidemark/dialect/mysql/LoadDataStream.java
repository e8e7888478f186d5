package dev.tidemark.dialect.mysql;

import dev.tidemark.dialect.RowSource;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of a {@link RowSource} as a LOAD DATA text stream (tab-separated fields, newline-terminated
 * lines, backslash escapes, {@code \N} for NULL), produced on demand as the driver reads: only one row
 * is held in memory at a time.
 */
final class LoadDataStream extends InputStream {
    /**
     * The most a read returns. The driver copies each read into its 8 KiB packet buffer behind a 4-byte header;
     * a longer read makes it allocate a 128 KiB buffer, and it shrinks it again after every packet.
     */
    static final int MAX_READ = 8192 - 4;

    private final String table;
    private final List<TargetColumn> columns;
    private final RowSource rows;
    /** The current row's bytes: {@code buffer[position..limit)} is still to be read. */
    private byte[] buffer = new byte[1024];
    private int position;
    private int limit;
    private boolean finished;
    private long rowCount;
    private Exception failure;

    LoadDataStream(String table, List<TargetColumn> columns, RowSource rows) {
        this.table = table;
        this.columns = columns;
        this.rows = rows;
    }

    /** Rows handed to the server so far. */
    long rowCount() {
        return rowCount;
    }

    /** The failure that ended the stream early (bad value or unreadable source), or null. */
    Exception failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int wanted = Math.min(length, MAX_READ);
        int written = 0;
        while (written < wanted) {
            if (position == limit && !fill()) {
                break;
            }
            int n = Math.min(wanted - written, limit - position);
            System.arraycopy(buffer, position, target, offset + written, n);
            position += n;
            written += n;
        }
        return written == 0 ? -1 : written;
    }

    private boolean fill() {
        if (finished) {
            return false;
        }
        String[] values;
        try {
            values = rows.next();
        } catch (IOException | RuntimeException e) {
            return fail(e);
        }
        if (values == null) {
            finished = true;
            return false;
        }
        if (values.length != columns.size()) {
            return fail(new TidemarkException(ErrorKind.ARCHIVE_INVALID, "table " + table + ": a row has " + values.length
                    + " values, the table has " + columns.size() + " columns", "the snapshot does not match its schema"));
        }
        position = 0;
        limit = 0;
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put((byte) '\t');
            }
            String value = values[i];
            if (value == null) {
                put((byte) '\\');
                put((byte) 'N');
                continue;
            }
            TargetColumn column = columns.get(i);
            try {
                escape(MysqlValues.toLoadText(column.loadKind(), value));
            } catch (IllegalArgumentException | DateTimeException e) {
                return fail(new TidemarkException(ErrorKind.DATABASE_ERROR, table + "." + column.name() + ": value "
                        + abbreviate(value) + " rejected: " + e.getMessage(), "nothing was committed; fix the value in the source"));
            }
        }
        put((byte) '\n');
        rowCount++;
        return true;
    }

    /**
     * Appends the UTF-8 bytes of {@code text}, backslash-escaping the bytes LOAD DATA reads as separators or
     * escapes. They are all ASCII, and UTF-8 never uses ASCII bytes inside a multi-byte character, so the
     * encoded bytes can be scanned and copied in runs.
     */
    private void escape(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ensureRoom(2 * bytes.length);
        int runStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte code = escapeCode(bytes[i]);
            if (code != 0) {
                System.arraycopy(bytes, runStart, buffer, limit, i - runStart);
                limit += i - runStart;
                buffer[limit++] = '\\';
                buffer[limit++] = code;
                runStart = i + 1;
            }
        }
        System.arraycopy(bytes, runStart, buffer, limit, bytes.length - runStart);
        limit += bytes.length - runStart;
    }

    /** The letter after the backslash for a byte that must be escaped, or 0. */
    private static byte escapeCode(byte b) {
        return switch (b) {
            case '\\' -> '\\';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case 0 -> '0';
            default -> 0;
        };
    }

    private void put(byte b) {
        ensureRoom(1);
        buffer[limit++] = b;
    }

    private void ensureRoom(int bytes) {
        if (limit + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, limit + bytes));
        }
    }

    /**
     * Ends the stream early. It ends as if complete rather than with an IOException because the driver
     * closes the connection on a failing stream; the caller checks {@link #failure()} after the statement.
     */
    private boolean fail(Exception e) {
        // the part of the failing row already encoded never reaches the server
        position = 0;
        limit = 0;
        failure = e;
        finished = true;
        return false;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? "'" + value + "'" : "'" + value.substring(0, 40) + "…'";
    }
}

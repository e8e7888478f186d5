package dev.tidemark.dialect.mysql;

import dev.tidemark.dialect.RowSource;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.List;

/**
 * The rows of a {@link RowSource} as a LOAD DATA text stream (tab-separated fields, newline-terminated
 * lines, backslash escapes, {@code \N} for NULL), produced on demand as the driver reads: only one row
 * is held in memory at a time.
 */
final class LoadDataStream extends InputStream {
    private final String table;
    private final List<TargetColumn> columns;
    private final RowSource rows;
    private final StringBuilder line = new StringBuilder(256);
    private byte[] buffer = new byte[0];
    private int position;
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
        int written = 0;
        while (written < length) {
            if (position == buffer.length && !fill()) {
                break;
            }
            int n = Math.min(length - written, buffer.length - position);
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
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            String value = values[i];
            if (value == null) {
                line.append("\\N");
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
        line.append('\n');
        buffer = line.toString().getBytes(StandardCharsets.UTF_8);
        position = 0;
        rowCount++;
        return true;
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\0' -> line.append("\\0");
                default -> line.append(c);
            }
        }
    }

    /**
     * Ends the stream early. It ends as if complete rather than with an IOException because the driver
     * closes the connection on a failing stream; the caller checks {@link #failure()} after the statement.
     */
    private boolean fail(Exception e) {
        failure = e;
        finished = true;
        return false;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? "'" + value + "'" : "'" + value.substring(0, 40) + "…'";
    }
}

package dev.tidemark.dialect.postgres;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads the output of {@code COPY … TO STDOUT WITH (FORMAT csv)} row by row: an unquoted empty field is
 * SQL NULL, a quoted one ({@code ""}) the empty string. Streams: memory use is one row.
 */
final class CopyCsvReader {
    private static final int END = -1;

    private final Reader in;
    private final String[] row;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder field = new StringBuilder(256);
    private int position;
    private int limit;
    private long rowNumber;

    /** @param columns the number of fields every row must have */
    CopyCsvReader(Reader in, int columns) {
        this.in = in;
        this.row = new String[columns];
    }

    /** The next row, or null at the end of the stream. The array is reused by the next call. */
    String[] next() throws IOException {
        if (peek() == END) {
            return null;
        }
        rowNumber++;
        int column = 0;
        while (true) {
            String value = readField();
            if (column >= row.length) {
                throw malformed("more than " + row.length + " fields");
            }
            row[column++] = value;
            int c = read();
            if (c == ',') {
                continue;
            }
            if (c == '\r' && peek() == '\n') {
                read();
                c = '\n';
            }
            if (c == '\n' || c == END) {
                break;
            }
            throw malformed("unexpected character after a field");
        }
        if (column != row.length) {
            throw malformed(column + " fields instead of " + row.length);
        }
        return row;
    }

    private String readField() throws IOException {
        field.setLength(0);
        if (peek() != '"') {
            while (true) {
                int c = peek();
                if (c == ',' || c == '\n' || c == '\r' || c == END) {
                    return field.length() == 0 ? null : field.toString();
                }
                field.append((char) read());
            }
        }
        read();
        while (true) {
            int c = read();
            if (c == END) {
                throw malformed("unterminated quoted field");
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    field.append('"');
                } else {
                    return field.toString();
                }
            } else {
                field.append((char) c);
            }
        }
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return END;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return END;
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException {
        int count = in.read(buffer, 0, buffer.length);
        while (count == 0) {
            count = in.read(buffer, 0, buffer.length);
        }
        if (count < 0) {
            return false;
        }
        position = 0;
        limit = count;
        return true;
    }

    private IOException malformed(String problem) {
        return new IOException("malformed COPY output at row " + rowNumber + ": " + problem);
    }
}

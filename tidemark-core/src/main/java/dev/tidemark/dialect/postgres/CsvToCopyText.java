package dev.tidemark.dialect.postgres;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;

/**
 * Turns archive CSV records ({@link dev.tidemark.dialect.CsvImport}: already checked, whole records each
 * ending in {@code \n}) into {@link CopyText} as they stream through, in one pass and without parsing
 * values: a separator becomes a tab, an unquoted empty field {@code \N}, a quoted field its content with
 * doubled quotes undone, and the bytes text format escapes are escaped wherever they occur. Keeps its place
 * across writes, so records may be split anywhere.
 */
final class CsvToCopyText extends OutputStream {
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;

    /** Bytes that end a run of plain bytes inside an unquoted field: separators and what must be escaped. */
    private static final boolean[] STOPS_UNQUOTED = stops(",\n");
    /** The same inside a quoted field, where separators are data and a quote ends or doubles. */
    private static final boolean[] STOPS_QUOTED = stops("\"");

    /** The bytes {@link CopyText} escapes, and {@code special}. */
    private static boolean[] stops(String special) {
        boolean[] stops = new boolean[256];
        for (int b = 0; b < 128; b++) {
            stops[b] = CopyText.escaped((byte) b);
        }
        special.chars().forEach(c -> stops[c] = true);
        return stops;
    }

    private final CopyText out;
    private final boolean noColumns;
    private int state = FIELD_START;

    /**
     * @param out     where the rows go
     * @param columns the table's number of columns (an empty record is one NULL, or no value without columns)
     */
    CsvToCopyText(CopyText out, int columns) {
        this.out = out;
        this.noColumns = columns == 0;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            convert(bytes, offset, offset + length);
            out.sendFull();
        } catch (SQLException e) {
            throw new CopyFailure(e);
        }
    }

    private void convert(byte[] bytes, int from, int to) throws SQLException {
        int i = from;
        while (i < to) {
            switch (state) {
                case UNQUOTED, QUOTED -> {
                    boolean[] stops = state == QUOTED ? STOPS_QUOTED : STOPS_UNQUOTED;
                    int start = i;
                    while (i < to && !stops[bytes[i] & 0xFF]) {
                        i++;
                    }
                    out.put(bytes, start, i - start);
                    if (i < to) {
                        special(bytes[i++]);
                    }
                }
                case FIELD_START -> {
                    byte b = bytes[i++];
                    if (b == '"') {
                        state = QUOTED;
                    } else if (b == ',') {
                        out.putNull();
                        out.put((byte) '\t');
                    } else if (b == '\n') {
                        if (!noColumns) {
                            out.putNull();
                        }
                        out.put((byte) '\n');
                    } else {
                        state = UNQUOTED;
                        i--;
                    }
                }
                default -> { // AFTER_QUOTE: the input is checked, so a closing quote or the first of a doubled one
                    byte b = bytes[i++];
                    if (b == '"') {
                        out.put(b);
                        state = QUOTED;
                    } else {
                        endField(b);
                    }
                }
            }
        }
    }

    /** A byte that stopped a run inside a field. */
    private void special(byte b) throws SQLException {
        if (state == QUOTED && b == '"') {
            state = AFTER_QUOTE;
        } else if (state == UNQUOTED && (b == ',' || b == '\n')) {
            endField(b);
        } else {
            out.putEscaped(b);
        }
    }

    private void endField(byte b) throws SQLException {
        if (b == ',') {
            out.put((byte) '\t');
        } else if (b == '\n') {
            out.put((byte) '\n');
        } else {
            throw new IllegalStateException("unchecked CSV reached COPY: byte " + b + " after a closing quote");
        }
        state = FIELD_START;
    }

    /** Sends the rest; the records must have ended. */
    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (SQLException e) {
            throw new CopyFailure(e);
        }
    }

    /** Whether the last record written is complete. */
    boolean atRecordEnd() {
        return state == FIELD_START;
    }

    /** A failure of the server, told apart from failures reading the archive. */
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

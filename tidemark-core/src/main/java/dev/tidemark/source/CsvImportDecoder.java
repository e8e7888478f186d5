package dev.tidemark.source;

import java.io.IOException;

/**
 * Reads the bytes of a {@link CsvImport} in one pass, without building values, and tells {@link Fields} what
 * they hold: runs of a value's bytes (quotes removed, doubled quotes undone), the bytes the caller asked to
 * see one at a time (those its target format escapes), NULLs, separators and record ends. Keeps its place
 * across calls, so the records may be split anywhere. The records are checked before they arrive, so a
 * quoting error here is a bug, not bad input.
 */
public final class CsvImportDecoder {
    /** What a decoder finds, in the order it finds it. */
    public interface Fields {
        /** Bytes of the current value; none of them is one of the decoder's {@code marked} bytes. */
        void data(byte[] bytes, int offset, int length) throws IOException;

        /** One byte of the current value that is one of the decoder's {@code marked} bytes. */
        void marked(byte b) throws IOException;

        /** The current field is NULL (an unquoted empty field); nothing else comes for it. */
        void nullValue() throws IOException;

        /** The current field has ended and another follows in the same record. */
        void separator() throws IOException;

        /** The current field, and with it the record, has ended. */
        void recordEnd() throws IOException;
    }

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;

    private final Fields fields;
    private final boolean noColumns;
    /** Bytes that end a run inside an unquoted field: separators and the marked bytes. */
    private final boolean[] stopsUnquoted;
    /** The same inside a quoted field, where separators are data and a quote ends or doubles. */
    private final boolean[] stopsQuoted;
    private int state = FIELD_START;
    /** A separator has been passed since the last record end. */
    private boolean afterSeparator;

    /**
     * @param fields  told what the records hold
     * @param columns the table's number of columns (an empty record is one NULL, or nothing without columns)
     * @param marked  the ASCII bytes to hand to {@link Fields#marked} one at a time when they occur in a value
     */
    public CsvImportDecoder(Fields fields, int columns, String marked) {
        this.fields = fields;
        this.noColumns = columns == 0;
        this.stopsUnquoted = stops(marked + ",\n");
        this.stopsQuoted = stops(marked + "\"");
    }

    private static boolean[] stops(String bytes) {
        boolean[] stops = new boolean[256];
        bytes.chars().forEach(c -> {
            if (c >= 128) {
                throw new IllegalArgumentException("only ASCII bytes can be marked");
            }
            stops[c] = true;
        });
        return stops;
    }

    /** Decodes {@code bytes[from..to)}, the next bytes of the records. */
    public void decode(byte[] bytes, int from, int to) throws IOException {
        int i = from;
        // where a run begins that starts with the second of a doubled quote (it is data), or -1
        int quoteRun = -1;
        while (i < to) {
            switch (state) {
                case UNQUOTED, QUOTED -> {
                    boolean[] stops = state == QUOTED ? stopsQuoted : stopsUnquoted;
                    int start = quoteRun >= 0 ? quoteRun : i;
                    quoteRun = -1;
                    while (i < to && !stops[bytes[i] & 0xFF]) {
                        i++;
                    }
                    if (i > start) {
                        fields.data(bytes, start, i - start);
                    }
                    if (i < to) {
                        stopped(bytes[i++]);
                    }
                }
                case FIELD_START -> {
                    byte b = bytes[i++];
                    if (b == '"') {
                        state = QUOTED;
                    } else if (b == ',') {
                        fields.nullValue();
                        separator();
                    } else if (b == '\n') {
                        if (!noColumns || afterSeparator) {
                            fields.nullValue();
                        }
                        recordEnd();
                    } else {
                        state = UNQUOTED;
                        i--;
                    }
                }
                default -> { // AFTER_QUOTE: a closing quote, or the first of a doubled one
                    byte b = bytes[i++];
                    if (b == '"') {
                        quoteRun = i - 1;
                        state = QUOTED;
                    } else {
                        endField(b);
                    }
                }
            }
        }
        if (quoteRun >= 0) {
            fields.data(bytes, quoteRun, 1);
        }
    }

    /** A byte that stopped a run inside a field. */
    private void stopped(byte b) throws IOException {
        if (state == QUOTED && b == '"') {
            state = AFTER_QUOTE;
        } else if (state == UNQUOTED && (b == ',' || b == '\n')) {
            endField(b);
        } else {
            fields.marked(b);
        }
    }

    private void endField(byte b) throws IOException {
        state = FIELD_START;
        if (b == ',') {
            separator();
        } else if (b == '\n') {
            recordEnd();
        } else {
            throw new IllegalStateException("unchecked CSV reached an import: byte " + b + " after a closing quote");
        }
    }

    private void separator() throws IOException {
        afterSeparator = true;
        fields.separator();
    }

    private void recordEnd() throws IOException {
        afterSeparator = false;
        fields.recordEnd();
    }

    /** Whether the bytes decoded so far end with a complete record (or are none). */
    public boolean atRecordEnd() {
        return state == FIELD_START && !afterSeparator;
    }
}

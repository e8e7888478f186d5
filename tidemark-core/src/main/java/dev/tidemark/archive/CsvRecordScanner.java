package dev.tidemark.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of one CSV part, read through a buffer: first the header row, parsed into column names, then
 * the data records as raw bytes. Once {@link #checkRecords()} is called, every buffer is scanned before
 * any of it is handed out: the bytes must be valid UTF-8, quoting well formed (a quote opens a field or
 * is doubled inside a quoted one, and a closing quote is followed by {@code ,} or {@code \n}), no carriage
 * return outside quotes, and every record must end in {@code \n} outside quotes with one field per
 * column. Checked records are counted. Without {@code checkRecords()} the bytes pass unchecked, for a
 * CSV parser that checks them itself.
 */
final class CsvRecordScanner extends InputStream {
    private static final int BUFFER_SIZE = 1 << 16;

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;

    /** ASCII bytes that change nothing inside a quoted field: all but {@code "} and {@code \n}. */
    private static final boolean[] PLAIN_QUOTED = plainBytes("\"\n");
    /** ASCII bytes that change nothing inside an unquoted field: all but {@code , " \n \r}. */
    private static final boolean[] PLAIN_UNQUOTED = plainBytes(",\"\n\r");

    private static boolean[] plainBytes(String special) {
        boolean[] plain = new boolean[128];
        java.util.Arrays.fill(plain, true);
        special.chars().forEach(c -> plain[c] = false);
        return plain;
    }

    private final InputStream source;
    private final String path;
    private final String tableName;
    private final int columns;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private boolean sourceEnded;
    private boolean checking;
    private int unscannedFrom = -1;
    private boolean ended;

    private int state = FIELD_START;
    private int fields = 1;
    private int continuationBytes;
    private int continuationLow = 0x80;
    private int continuationHigh = 0xBF;
    private long line = 1;
    private long records;
    /** Index in {@link #buffer} just after the last record end the latest scan found, or -1. */
    private int lastRecordEnd = -1;

    /**
     * @param source    the part's bytes, from its first byte
     * @param path      the part's entry name, for messages
     * @param tableName the table's name, for messages
     * @param columns   the number of fields every record must have
     */
    CsvRecordScanner(InputStream source, String path, String tableName, int columns) {
        this.source = source;
        this.path = path;
        this.tableName = tableName;
        this.columns = columns;
    }

    /**
     * Reads the header row and returns its fields, or null when the part has no bytes. Leniently ends the
     * row at {@code \r\n} as well as {@code \n}, as a CSV parser would.
     */
    List<String> readHeader() throws IOException {
        ByteArrayOutputStream row = new ByteArrayOutputStream();
        boolean inQuotes = false;
        while (true) {
            if (position == limit && !fill()) {
                break;
            }
            byte b = buffer[position++];
            if (b == '\n') {
                line++;
                if (!inQuotes) {
                    break;
                }
            } else if (b == '"') {
                inQuotes = !inQuotes;
            }
            row.write(b);
        }
        if (row.size() == 0 && sourceEnded && position == limit) {
            return null;
        }
        return headerFields(decode(row.toByteArray()));
    }

    private String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notUtf8();
        }
    }

    private List<String> headerFields(String text) {
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        List<String> names = new ArrayList<>();
        if (text.isEmpty()) {
            return names; // the header of a table without columns
        }
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            field.setLength(0);
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw malformed("the header row has an unterminated quoted field");
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < text.length() && text.charAt(i) != ',') {
                    throw malformed("the header row has characters after a closing quote");
                }
            } else {
                while (i < text.length() && text.charAt(i) != ',') {
                    field.append(text.charAt(i++));
                }
            }
            names.add(field.toString());
            if (i >= text.length()) {
                return names;
            }
            i++; // the separator
        }
    }

    /** The number of physical lines the header row took; data records start on the line after them. */
    long headerLines() {
        return line - 1;
    }

    /** Checks and counts every record read from here on. */
    void checkRecords() {
        checking = true;
        unscannedFrom = position; // the rest of the buffer the header row came in, checked on the first read
    }

    private void scanLeftOver() {
        if (unscannedFrom < 0) {
            return;
        }
        int from = unscannedFrom;
        unscannedFrom = -1;
        scan(from, limit);
        if (sourceEnded) {
            endOfRecords();
        }
    }

    /** Records checked and counted so far (all of them once the end has been read). */
    long records() {
        return records;
    }

    /** Reads and checks whatever has not been read yet. */
    void skipRest() throws IOException {
        scanLeftOver();
        position = limit;
        while (fill()) {
            position = limit;
        }
    }

    @Override
    public int read() throws IOException {
        scanLeftOver();
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        scanLeftOver();
        if (length == 0) {
            return 0;
        }
        if (position == limit && !fill()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    /**
     * Hands out the buffered bytes directly, sparing a copy: {@code buffer()[bufferStart() ..
     * bufferEnd()]} are the next bytes, and {@link #consumeBuffer()} marks them read.
     *
     * @return false at the end of the part
     */
    boolean fillBuffer() throws IOException {
        scanLeftOver();
        return position < limit || fill();
    }

    byte[] buffer() {
        return buffer;
    }

    int bufferStart() {
        return position;
    }

    int bufferEnd() {
        return limit;
    }

    void consumeBuffer() {
        position = limit;
    }

    @Override
    public int available() {
        return limit - position;
    }

    private boolean fill() throws IOException {
        if (sourceEnded) {
            return false;
        }
        int n = source.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = source.read(buffer, 0, buffer.length);
        }
        if (n < 0) {
            sourceEnded = true;
            position = limit = 0;
            if (checking) {
                endOfRecords();
            }
            return false;
        }
        position = 0;
        limit = n;
        if (checking) {
            scan(0, n);
        }
        return true;
    }

    /**
     * Where, in the bytes {@link #fillBuffer()} hands out, the last whole record ends (the index after its
     * {@code \n}), or -1 when no record ends there.
     */
    int lastRecordEnd() {
        return lastRecordEnd;
    }

    /** One pass over newly buffered bytes; allocation-free, state carried across buffers. */
    private void scan(int from, int to) {
        lastRecordEnd = -1;
        byte[] bytes = buffer;
        int state = this.state;
        int fields = this.fields;
        int continuation = continuationBytes;
        for (int i = from; i < to; i++) {
            int b = bytes[i];
            if (continuation == 0 && (state == QUOTED || state == UNQUOTED)) {
                // most bytes are plain ASCII inside a field: pass over them without the state machine
                boolean[] plain = state == QUOTED ? PLAIN_QUOTED : PLAIN_UNQUOTED;
                while (b >= 0 && plain[b]) {
                    if (++i == to) {
                        break;
                    }
                    b = bytes[i];
                }
                if (i == to) {
                    break;
                }
            }
            if (b < 0) {
                int u = b & 0xFF;
                if (continuation > 0) {
                    if (u < continuationLow || u > continuationHigh) {
                        throw notUtf8();
                    }
                    continuation--;
                    continuationLow = 0x80;
                    continuationHigh = 0xBF;
                } else if (u >= 0xC2 && u <= 0xDF) {
                    continuation = 1;
                } else if (u >= 0xE0 && u <= 0xEF) {
                    continuation = 2;
                    continuationLow = u == 0xE0 ? 0xA0 : 0x80; // no overlong forms
                    continuationHigh = u == 0xED ? 0x9F : 0xBF; // no surrogates
                } else if (u >= 0xF0 && u <= 0xF4) {
                    continuation = 3;
                    continuationLow = u == 0xF0 ? 0x90 : 0x80;
                    continuationHigh = u == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
                } else {
                    throw notUtf8();
                }
                if (state == FIELD_START) {
                    state = UNQUOTED;
                } else if (state == AFTER_QUOTE) {
                    throw malformed("line " + line + " has characters after a closing quote");
                }
                continue;
            }
            if (continuation > 0) {
                throw notUtf8();
            }
            switch (state) {
                case QUOTED -> {
                    if (b == '"') {
                        state = AFTER_QUOTE;
                    } else if (b == '\n') {
                        line++;
                    }
                }
                case UNQUOTED -> {
                    if (b == ',') {
                        fields++;
                        state = FIELD_START;
                    } else if (b == '\n') {
                        endRecord(fields, false);
                        lastRecordEnd = i + 1;
                        fields = 1;
                        state = FIELD_START;
                    } else if (b == '"') {
                        throw malformed("line " + line + " has a quote inside an unquoted field");
                    } else if (b == '\r') {
                        throw carriageReturn();
                    }
                }
                case FIELD_START -> {
                    if (b == '"') {
                        state = QUOTED;
                    } else if (b == ',') {
                        fields++;
                    } else if (b == '\n') {
                        endRecord(fields, fields == 1);
                        lastRecordEnd = i + 1;
                        fields = 1;
                    } else if (b == '\r') {
                        throw carriageReturn();
                    } else {
                        state = UNQUOTED;
                    }
                }
                default -> { // AFTER_QUOTE: a closing quote, or the first of a doubled one
                    if (b == '"') {
                        state = QUOTED;
                    } else if (b == ',') {
                        fields++;
                        state = FIELD_START;
                    } else if (b == '\n') {
                        endRecord(fields, false);
                        lastRecordEnd = i + 1;
                        fields = 1;
                        state = FIELD_START;
                    } else {
                        throw malformed("line " + line + " has characters after a closing quote");
                    }
                }
            }
        }
        this.state = state;
        this.fields = fields;
        continuationBytes = continuation;
    }

    private void endRecord(int fieldCount, boolean empty) {
        // an empty line is one NULL field, or no fields at all in a table without columns
        int actual = empty && columns == 0 ? 0 : fieldCount;
        if (actual != columns) {
            throw ArchiveFailures.invalid("archive is corrupt: " + path + " line " + line + " has " + actual
                    + " fields but table " + tableName + " has " + columns + " columns");
        }
        records++;
        line++;
    }

    private void endOfRecords() {
        if (ended) {
            return;
        }
        ended = true;
        if (continuationBytes > 0) {
            throw notUtf8();
        }
        if (state == QUOTED) {
            throw malformed("line " + line + " has an unterminated quoted field");
        }
        if (state != FIELD_START || fields > 1) {
            // a last record without its newline still counts, as it does for a CSV parser
            endRecord(fields, false);
        }
    }

    private RuntimeException carriageReturn() {
        return malformed("line " + line + " has a carriage return outside quotes (records end with \\n)");
    }

    private RuntimeException malformed(String problem) {
        return ArchiveFailures.invalid("archive is corrupt: invalid CSV in " + path + " (" + problem + ")");
    }

    private RuntimeException notUtf8() {
        return ArchiveFailures.invalid("archive is corrupt: " + path + " is not valid UTF-8");
    }
}

package dev.tidemark.archive;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordType;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Parses a part's data records (docs/FORMAT.md, "CSV") into one {@code String[]} per row. */
final class CsvRecordParser {
    /** A single field may be this many characters long (the whole field is held in memory). */
    static final int MAX_FIELD_CHARS = 512 * 1024 * 1024;

    private CsvRecordParser() {
    }

    /** A parser of header-less records from {@code records}, building rows with {@code handler}. */
    static CsvReader<String[]> parser(InputStream records, RecordHandler handler) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return CsvReader.builder()
                .fieldSeparator(',')
                .quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(false)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .allowExtraCharsAfterClosingQuote(false)
                .detectBomHeader(false)
                .maxBufferSize(MAX_FIELD_CHARS)
                .build(handler, new InputStreamReader(records, decoder));
    }

    /** Builds one String[] per record; an unquoted empty field is NULL, a quoted one the empty string. */
    static final class RecordHandler extends CsvCallbackHandler<String[]> {
        private final int columns;
        private String[] fields;
        private int fieldCount;
        private RecordType type = RecordType.DATA;
        private long line;

        RecordHandler(int columns) {
            this.columns = columns;
        }

        /** Fields of the last record (may differ from the column count in a malformed record). */
        int fieldCount() {
            return fieldCount;
        }

        /** The line the last record started on, counted from the first data record. */
        long line() {
            return line;
        }

        @Override
        protected RecordType getRecordType() {
            return type;
        }

        @Override
        protected int getFieldCount() {
            return fieldCount;
        }

        @Override
        protected void beginRecord(long startingLineNumber) {
            line = startingLineNumber;
            fields = new String[columns];
            fieldCount = 0;
            type = RecordType.DATA;
        }

        @Override
        protected void addField(char[] buf, int offset, int length, boolean quoted) {
            if (fieldCount < columns) {
                fields[fieldCount] = length == 0 && !quoted ? null : new String(buf, offset, length);
            }
            fieldCount++;
        }

        @Override
        protected void setComment(char[] buf, int offset, int length) {
            type = RecordType.COMMENT;
        }

        @Override
        protected void setEmpty() {
            // an empty line is one unquoted empty field: a NULL in a one-column table
            type = RecordType.DATA;
            fieldCount = columns == 0 ? 0 : 1;
        }

        @Override
        protected String[] buildRecord() {
            return fields;
        }
    }

}

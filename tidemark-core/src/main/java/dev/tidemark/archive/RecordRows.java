package dev.tidemark.archive;

import de.siegmar.fastcsv.reader.CsvReader;
import dev.tidemark.source.RowSource;
import dev.tidemark.schema.Table;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;

/** Rows parsed from data records in the archive's CSV form, for records that have left their {@link ArchivePart}. */
public final class RecordRows {
    private RecordRows() {
    }

    /**
     * The rows of {@code records} (whole records without a header row, as {@link ArchivePart#csvRecordBlocks} hands
     * them out), one value per column of {@code table}, as {@link ArchivePart#rows()} gives them. The records have
     * been checked on their way out of the archive; the stream is closed after the last row.
     */
    public static RowSource parse(InputStream records, Table table) {
        CsvRecordParser.RecordHandler handler = new CsvRecordParser.RecordHandler(table.columns().size());
        CsvReader<String[]> parser = CsvRecordParser.parser(records, handler);
        Iterator<String[]> rows = parser.iterator();
        return () -> {
            try {
                if (!rows.hasNext()) {
                    records.close();
                    return null;
                }
                return rows.next();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        };
    }
}

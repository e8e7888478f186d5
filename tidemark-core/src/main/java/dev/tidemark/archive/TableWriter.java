package dev.tidemark.archive;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import dev.tidemark.dialect.RowSink;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.Table;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the rows of one table into an archive as CSV parts (docs/FORMAT.md, "CSV"). Obtained from
 * {@link ArchiveWriter#beginTable}; must be closed before the next table begins. Memory use does not
 * depend on the number of rows: each part is staged in a temporary file and moved into the archive
 * as soon as it reaches {@link ArchiveOptions#partSizeBytes()}.
 */
public final class TableWriter implements RowSink, Closeable {
    private static final long PROGRESS_INTERVAL_BYTES = 1024 * 1024;

    private final ArchiveWriter archive;
    private final Table table;
    private final int tableNumber;
    private final String[] columnNames;
    private final long partSizeBytes;
    private final List<PartInfo> parts = new ArrayList<>();
    private PartSpool spool;
    private CsvWriter csv;
    private long partRows;
    private long rows;
    private long completedPartBytes;
    private long lastProgressBytes;
    private boolean closed;

    TableWriter(ArchiveWriter archive, Table table, int tableNumber, long partSizeBytes) {
        this.archive = archive;
        this.table = table;
        this.tableNumber = tableNumber;
        this.columnNames = table.columns().stream().map(Column::name).toArray(String[]::new);
        this.partSizeBytes = partSizeBytes;
    }

    /**
     * Appends one row.
     *
     * @param values one canonical text value per column in column order, {@code null} for SQL NULL
     * @throws IllegalArgumentException when the number of values differs from the table's column count
     * @throws IllegalStateException    when the table writer is closed
     */
    @Override
    public void accept(String[] values) throws IOException {
        if (closed) {
            throw new IllegalStateException("table " + table.name() + " is already closed");
        }
        if (values.length != columnNames.length) {
            throw new IllegalArgumentException("table " + table.name() + " has " + columnNames.length
                    + " columns but a row has " + values.length + " values");
        }
        if (spool == null) {
            startPart();
        }
        writeRecord(values);
        recordWritten();
    }

    /**
     * A stream for a database's own CSV output, used instead of {@link #accept} when that output already is
     * the archive's CSV: header-less UTF-8 records in column order, values in canonical text form, NULL as an
     * unquoted empty field, {@code \n} after each record. Records are counted and parts cut at record
     * boundaries exactly as for rows; closing the stream checks that the input ended on a record boundary.
     */
    public OutputStream csvRecords() {
        if (closed) {
            throw new IllegalStateException("table " + table.name() + " is already closed");
        }
        return new CsvRecordStream();
    }

    /** Rows accepted so far. */
    public long rows() {
        return rows;
    }

    /** Ends the table's last part (a table without rows gets one part holding only the header row). Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (spool == null && parts.isEmpty()) {
            startPart();
        }
        if (spool != null) {
            endPart();
        }
        closed = true;
        archive.tableFinished(this, new TableContents(table.name(), rows, parts));
        archive.reportProgress(table.name(), rows, completedPartBytes);
    }

    Table table() {
        return table;
    }

    /** Deletes a staged part that never reached the archive. */
    void discard() {
        closed = true;
        if (spool != null) {
            spool.discard();
            spool = null;
        }
    }

    /** Called after each complete record that was written past {@link #accept}. */
    private void recordWritten() throws IOException {
        partRows++;
        rows++;
        if (spool.bytes() >= partSizeBytes) {
            endPart();
        }
        long tableBytes = completedPartBytes + (spool == null ? 0 : spool.bytes());
        if (tableBytes - lastProgressBytes >= PROGRESS_INTERVAL_BYTES) {
            lastProgressBytes = tableBytes;
            archive.reportProgress(table.name(), rows, tableBytes);
        }
    }

    /** Finds record ends in CSV bytes (a newline outside quotes) and hands the bytes to the part spool. */
    private final class CsvRecordStream extends OutputStream {
        private boolean inQuotes;
        private boolean midRecord;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int start = offset;
            for (int i = offset, end = offset + length; i < end; i++) {
                byte b = bytes[i];
                if (b == '"') {
                    inQuotes = !inQuotes;
                } else if (b == '\n' && !inQuotes) {
                    append(bytes, start, i + 1 - start);
                    start = i + 1;
                    midRecord = false;
                    recordWritten();
                }
            }
            append(bytes, start, offset + length - start);
        }

        private void append(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            if (spool == null) {
                startPart();
            }
            spool.writeUtf8(bytes, offset, length);
            midRecord = true;
        }

        @Override
        public void close() throws IOException {
            if (midRecord) {
                throw new IOException("the CSV export of table " + table.name() + " ended inside a record");
            }
        }
    }

    private void startPart() throws IOException {
        spool = new PartSpool(archive.spoolDir());
        // autoFlush hands each finished record to the spool, so its byte count is exact at record boundaries
        csv = CsvWriter.builder()
                .fieldSeparator(',')
                .quoteCharacter('"')
                .quoteStrategy(QuoteStrategies.EMPTY)
                .lineDelimiter(LineDelimiter.LF)
                .autoFlush(true)
                .build(spool);
        partRows = 0;
        writeRecord(columnNames);
    }

    private void writeRecord(String[] values) throws IOException {
        try {
            csv.writeRecord(values);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void endPart() throws IOException {
        PartSpool finished = spool;
        spool = null;
        try {
            csv.flush();
            String sha256 = finished.complete();
            String path = ArchiveLayout.partPath(tableNumber, table.name(), parts.size() + 1);
            PartInfo part = new PartInfo(path, partRows, finished.bytes(), sha256);
            archive.appendPart(part, finished);
            parts.add(part);
            completedPartBytes += part.bytes();
        } finally {
            finished.discard();
        }
    }
}

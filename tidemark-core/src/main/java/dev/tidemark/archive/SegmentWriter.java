package dev.tidemark.archive;

import dev.tidemark.source.RowSink;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.Table;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns a run of one table's rows (the whole table, or one key range of it) into CSV parts of a bounded
 * size (docs/FORMAT.md, "CSV"), each staged in an encrypted temporary file and handed over as soon as it
 * is complete. Memory use does not depend on the number of rows. Used by one thread at a time; several
 * segment writers may run at once on different threads, each handing parts to its own {@link Handoff}.
 */
public final class SegmentWriter implements RowSink, Closeable {
    private static final long PROGRESS_INTERVAL_BYTES = 1024 * 1024;

    /** Receives each completed part; it then owns the part (and must discard it eventually). */
    @FunctionalInterface
    public interface Handoff {
        void accept(StagedPart part) throws IOException, InterruptedException;
    }

    private final Table table;
    private final String[] columnNames;
    private final ArchiveOptions options;
    private final Handoff handoff;
    private final ArchiveProgress progress;
    private final CsvRecordEncoder encoder = new CsvRecordEncoder();
    private PartSpool spool;
    private long partRows;
    private long rows;
    private long reportedRows;
    private long reportedBytes;
    private long bytesBeforeCurrentPart;
    private boolean closed;

    /** @param progress told about written records about every mebibyte and at the end; may be null */
    public SegmentWriter(Table table, ArchiveOptions options, Handoff handoff, ArchiveProgress progress) {
        this.table = table;
        this.columnNames = table.columns().stream().map(Column::name).toArray(String[]::new);
        this.options = options;
        this.handoff = handoff;
        this.progress = progress;
    }

    /** A part holding only the header row, for a table without rows: every table has at least one part. */
    static StagedPart headerOnlyPart(Table table, ArchiveOptions options) throws IOException {
        SegmentWriter writer = new SegmentWriter(table, options, part -> { }, null);
        writer.startPart();
        PartSpool spool = writer.spool;
        try {
            return new StagedPart(spool, 0, spool.complete());
        } catch (IOException | RuntimeException e) {
            spool.discard();
            throw e;
        }
    }

    /**
     * Appends one row.
     *
     * @param values one canonical text value per column in column order, {@code null} for SQL NULL
     * @throws IllegalArgumentException when the number of values differs from the table's column count
     * @throws IllegalStateException    when the writer is closed
     */
    @Override
    public void accept(String[] values) throws IOException {
        checkOpen();
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
        checkOpen();
        return new CsvRecordStream();
    }

    /** Rows accepted so far. */
    public long rows() {
        return rows;
    }

    Table table() {
        return table;
    }

    /** Hands over the last part, if it holds any row. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (spool != null) {
            endPart();
        }
        closed = true;
        reportProgress();
    }

    /** Deletes a part that was not handed over. Idempotent; never throws. */
    public void discard() {
        closed = true;
        if (spool != null) {
            spool.discard();
            spool = null;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("table " + table.name() + " is already closed");
        }
    }

    /** Called after each complete record. */
    private void recordWritten() throws IOException {
        partRows++;
        rows++;
        if (spool.bytes() >= options.partSizeBytes()) {
            endPart();
        }
        long written = bytesBeforeCurrentPart + (spool == null ? 0 : spool.bytes());
        if (written - reportedBytes >= PROGRESS_INTERVAL_BYTES) {
            reportProgress();
        }
    }

    private void reportProgress() {
        long written = bytesBeforeCurrentPart + (spool == null ? 0 : spool.bytes());
        if (progress != null && (rows > reportedRows || written > reportedBytes)) {
            progress.recordsWritten(table.name(), rows - reportedRows, written - reportedBytes);
        }
        reportedRows = rows;
        reportedBytes = written;
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
        spool = new PartSpool(options.spoolDir());
        partRows = 0;
        writeRecord(columnNames);
    }

    private void writeRecord(String[] values) throws IOException {
        encoder.write(values, spool);
    }

    private void endPart() throws IOException {
        PartSpool finished = spool;
        spool = null;
        StagedPart part;
        try {
            part = new StagedPart(finished, partRows, finished.complete());
        } catch (IOException | RuntimeException e) {
            finished.discard();
            throw e;
        }
        bytesBeforeCurrentPart += part.bytes();
        try {
            handoff.accept(part);
        } catch (InterruptedException e) {
            part.discard();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while handing over a part of table " + table.name());
        } catch (IOException | RuntimeException e) {
            part.discard();
            throw e;
        }
    }
}

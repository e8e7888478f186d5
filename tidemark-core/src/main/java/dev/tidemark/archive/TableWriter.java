package dev.tidemark.archive;

import dev.tidemark.source.RowSink;
import dev.tidemark.schema.Table;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes all rows of one table into an archive, each part going into the archive as soon as it is
 * complete. Obtained from {@link ArchiveWriter#beginTable}; must be closed before the next table begins.
 * For several segments of tables written at once on different threads, use {@link SegmentWriter}s with
 * {@link ArchiveWriter#append} and {@link ArchiveWriter#endTable} instead.
 */
public final class TableWriter implements RowSink, Closeable {
    private final ArchiveWriter archive;
    private final SegmentWriter segment;
    private boolean closed;

    TableWriter(ArchiveWriter archive, Table table, ArchiveOptions options, ArchiveProgress progress) {
        this.archive = archive;
        this.segment = new SegmentWriter(table, options, part -> archive.append(table, part), progress);
    }

    /** See {@link SegmentWriter#accept}. */
    @Override
    public void accept(String[] values) throws IOException {
        segment.accept(values);
    }

    /** See {@link SegmentWriter#csvRecords()}. */
    public OutputStream csvRecords() {
        return segment.csvRecords();
    }

    /** Rows accepted so far. */
    public long rows() {
        return segment.rows();
    }

    /** Ends the table's last part (a table without rows gets one part holding only the header row). Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        segment.close();
        archive.endTable(segment.table());
    }

    Table table() {
        return segment.table();
    }

    /** Deletes a staged part that never reached the archive. */
    void discard() {
        closed = true;
        segment.discard();
    }
}

package dev.tidemark.archive;

import de.siegmar.fastcsv.reader.CsvReader;
import dev.tidemark.dialect.RowSource;
import dev.tidemark.schema.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * A copy of one part's data records in an encrypted staging file, so that the part can be loaded after the
 * {@link ArchiveReader} has moved on (several parts loading at once). The records are copied through
 * {@link ArchivePart#csvRecords()}, so they are checked, hashed and counted by the reader on the way in.
 * Used by one thread at a time.
 */
public final class StagedRecords {
    private final Table table;
    private final PartSpool spool;
    private final String path;

    private StagedRecords(Table table, PartSpool spool, String path) {
        this.table = table;
        this.spool = spool;
        this.path = path;
    }

    /** Copies the rest of {@code part}'s data records into a staging file under {@code spoolDir}. */
    public static StagedRecords copy(ArchivePart part, Path spoolDir) throws IOException {
        PartSpool spool = new PartSpool(spoolDir, false);
        try (InputStream records = part.csvRecords()) {
            records.transferTo(new java.io.OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    spool.writeUtf8(bytes, offset, length);
                }
            });
            spool.complete();
            return new StagedRecords(part.table(), spool, part.path());
        } catch (IOException | RuntimeException e) {
            spool.discard();
            throw e;
        }
    }

    public Table table() {
        return table;
    }

    /** The entry name of the part this is a copy of. */
    public String path() {
        return path;
    }

    /** Size of the copied records in bytes. */
    public long bytes() {
        return spool.bytes();
    }

    /** The records as stored in the archive (see {@link ArchivePart#csvRecords()}). */
    public InputStream records() throws IOException {
        return spool.read();
    }

    /** The records as rows (see {@link ArchivePart#rows()}). Close nothing: {@link #discard()} ends the copy. */
    public RowSource rows() throws IOException {
        InputStream records = spool.read();
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

    /** Deletes the staging file. Idempotent; never throws. */
    public void discard() {
        spool.discard();
    }
}

package dev.tidemark.archive;

import dev.tidemark.source.RowSource;
import dev.tidemark.schema.Table;
import java.io.InputStream;

/**
 * One CSV part of a table, as the {@link ArchiveReader} meets it in the archive. Valid until the next
 * call of {@link ArchiveReader#nextPart()}.
 */
public interface ArchivePart {
    /** The table's name as in the schema. */
    String tableName();

    /** The table as in the header's schema. */
    Table table();

    /** The part's number within its table, from 1. */
    int partNumber();

    /** The part's entry name, e.g. {@code data/0001-users/00001.csv}. */
    String path();

    /**
     * The part's data records (the header row has been read and checked against the table's columns).
     * Each row has exactly one value per column: canonical text, or null for SQL NULL. Reading throws
     * {@link dev.tidemark.error.TidemarkException} ({@code ARCHIVE_INVALID}) for malformed CSV. Rows that
     * are not read are skipped (and still hashed and counted) by the next {@link ArchiveReader#nextPart()}.
     *
     * @throws IllegalStateException when {@link #csvRecords()} has been called for this part
     */
    RowSource rows();

    /**
     * The part's data records as stored, for a target that loads the archive's CSV as it is: the UTF-8
     * bytes after the header row (which has been read and checked against the table's columns), each
     * record ending in {@code \n}, in the form {@link dev.tidemark.source.CsvExport} describes. The
     * bytes are hashed and the records counted as they pass, exactly as for {@link #rows()}, and each
     * buffer is checked before any of it is handed out: reading throws
     * {@link dev.tidemark.error.TidemarkException} ({@code ARCHIVE_INVALID}) for invalid UTF-8, malformed
     * quoting, a carriage return outside quotes, or a record with the wrong number of fields. Bytes that
     * are not read are skipped (and still checked, hashed and counted) by the next
     * {@link ArchiveReader#nextPart()}.
     *
     * @throws IllegalStateException when {@link #rows()} has been called for this part
     */
    InputStream csvRecords();

    /**
     * The bytes of {@link #csvRecords()}, checked, hashed and counted the same way, handed to {@code sink} in
     * blocks of whole records, so that blocks can be loaded independently of each other: each block is a new
     * array (the sink keeps it) of about {@code blockBytes} or more (a block holds at least one record), and
     * ends with the {@code \n} of its last record (added to a last record stored without one).
     *
     * @throws IllegalStateException when {@link #rows()} or {@link #csvRecords()} has been called for this part
     */
    void csvRecordBlocks(int blockBytes, RecordBlockSink sink) throws java.io.IOException;

    /** Receives blocks of whole records; {@code block[0 .. length)} holds them. */
    @FunctionalInterface
    interface RecordBlockSink {
        void accept(byte[] block, int length) throws java.io.IOException;
    }
}

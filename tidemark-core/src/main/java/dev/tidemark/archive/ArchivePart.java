package dev.tidemark.archive;

import dev.tidemark.dialect.RowSource;
import dev.tidemark.schema.Table;

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
     */
    RowSource rows();
}

package dev.tidemark.source;

import dev.tidemark.schema.Table;
import java.io.InputStream;

/**
 * Loads a table's rows as the archive's CSV bytes, skipping the per-value {@link RowSource} path. The bytes
 * are exactly what {@link CsvExport} describes: UTF-8, no header row, one record per row in column order
 * ending in {@code \n}, values in canonical text form (docs/TYPES.md), NULL as an unquoted empty field, the
 * empty string as {@code ""}, quoting per RFC 4180 (a field may be quoted whether or not it needs to be).
 * The stream has already checked the encoding, the quoting and each record's field count, and fails with
 * {@link dev.tidemark.error.TidemarkException} ({@code ARCHIVE_INVALID}) before handing out a malformed
 * record; the import must let that failure through, and the restore then rolls back.
 *
 * <p>A session offers an import only for tables whose every value it loads with the meaning the
 * {@link RowSource} path would give it, whether the target reads the canonical text as it is or the import
 * converts it on the way. {@link CsvImportDecoder} reads the records without building values.
 */
@FunctionalInterface
public interface CsvImport {
    /**
     * Loads every record of {@code records} into {@code table} (created by {@link RestoreSession#prepare}).
     *
     * @return the number of rows the target loaded, as the target counted them
     */
    long load(Table table, InputStream records) throws Exception;
}

package dev.tidemark.source;

import dev.tidemark.schema.Table;
import java.io.OutputStream;

/**
 * Streams a table as CSV bytes straight into the archive, skipping the per-value {@link RowSink} path.
 * The bytes must be exactly what the archive holds for {@link SnapshotSession#exportTable} rows: UTF-8,
 * no header row, one record per row in column order ending in {@code \n}, values in canonical text form
 * (docs/TYPES.md), NULL as an unquoted empty field, the empty string as {@code ""}, quoting per RFC 4180.
 */
@FunctionalInterface
public interface CsvExport {
    /**
     * Writes the rows of {@code table} within {@code range} to {@code out}; same order and consistency as
     * {@link SnapshotSession#exportTable(Table, KeyRange, RowSink)}.
     */
    void exportTable(Table table, KeyRange range, OutputStream out) throws Exception;
}

package dev.tidemark.source;

import java.io.IOException;

/** Supplies the rows of one table (or one part of it) during a restore. */
@FunctionalInterface
public interface RowSource {
    /**
     * Returns the next row, or {@code null} when there are no more. Values are canonical text forms
     * (docs/TYPES.md) in the table's column order, {@code null} for SQL NULL. The returned array is only
     * valid until the next call.
     *
     * @throws IOException when the archive cannot be read; the restore must then fail and roll back
     */
    String[] next() throws IOException;
}

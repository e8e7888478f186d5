package dev.tidemark.source;

import java.io.IOException;

/** Receives the rows of one table during a snapshot. */
@FunctionalInterface
public interface RowSink {
    /**
     * Accepts one row.
     *
     * @param values one entry per column of the table, in column order; each is the value's canonical
     *               text form (docs/TYPES.md) or {@code null} for SQL NULL. The array may be reused by the
     *               caller after this method returns.
     */
    void accept(String[] values) throws IOException;
}

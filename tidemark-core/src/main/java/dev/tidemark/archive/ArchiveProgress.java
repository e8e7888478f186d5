package dev.tidemark.archive;

/** Receives progress while an {@link ArchiveWriter} writes table data. Called on the writing thread. */
@FunctionalInterface
public interface ArchiveProgress {
    /**
     * Reports how far the current table has got: called about every mebibyte of CSV and once when the
     * table ends.
     *
     * @param table             the table being written
     * @param rows              rows of that table written so far
     * @param uncompressedBytes CSV bytes of that table written so far
     */
    void bytesWritten(String table, long rows, long uncompressedBytes);
}

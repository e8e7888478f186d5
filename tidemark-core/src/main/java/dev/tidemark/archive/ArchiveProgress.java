package dev.tidemark.archive;

/**
 * Receives progress while table data is written into parts. Segment writers of different tables may run
 * on different threads at once, so implementations must be thread-safe.
 */
@FunctionalInterface
public interface ArchiveProgress {
    /**
     * Reports records written since the previous report of the same segment writer: called about every
     * mebibyte of CSV and once when the segment ends.
     *
     * @param table             the table the records belong to
     * @param rows              rows written since the last report
     * @param uncompressedBytes CSV bytes written since the last report
     */
    void recordsWritten(String table, long rows, long uncompressedBytes);
}

package dev.tidemark.source;

import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.util.List;
import java.util.Optional;

/**
 * A consistent, read-only view of a database, open from {@link Connector#openSnapshot} until
 * {@link #close()}. Every read through one session sees the same single point in the database's
 * history. In {@link SnapshotMode#READ_ONLY} other clients' writes wait (they are not rejected or lost)
 * until the session closes.
 */
public interface SnapshotSession extends AutoCloseable {

    /** Backend name and server version, e.g. {@code sqlite 3.46.0}. */
    String backendVersion();

    /** The point in the source's history this session reads at. */
    Position position();

    /** The schema at that point, tables in creation order (see {@link Schema}). */
    Schema schema();

    /**
     * Things the user should know that do not stop the snapshot, each naming the object, e.g.
     * "view v_orders skipped: views are not carried by snapshots".
     */
    List<String> warnings();

    /**
     * Streams the rows of {@code table} within {@code range} ({@link KeyRange#ALL} for the whole table) to
     * {@code sink} in canonical text form, in primary-key order where the table has one. Each range of each table
     * is exported once; sessions whose {@link #parallelism()} is above 1 allow concurrent calls, from different
     * threads, for different tables or ranges. A session that never splits ({@link #split}) is only given
     * {@link KeyRange#ALL}.
     */
    void exportTable(Table table, KeyRange range, RowSink sink) throws Exception;

    /**
     * Cuts {@code table} into key ranges of about {@code targetBytes} of CSV each, in key order; exporting them
     * one after another yields exactly the rows, in the same order, that exporting the whole table does. Ranges
     * of one table may be exported at the same time (on different threads, up to {@link #parallelism()}).
     * Returns {@code [KeyRange.ALL]} when the table cannot be split (see {@link KeyRange#splitColumn}) or is small;
     * the default never splits.
     */
    default List<KeyRange> split(Table table, long targetBytes) throws Exception {
        return List.of(KeyRange.ALL);
    }

    /**
     * A faster export for backends whose own CSV output already is the archive's CSV, or empty (then
     * {@link #exportTable} is used). See {@link CsvExport} for what the bytes must be.
     */
    default Optional<CsvExport> csvExport() {
        return Optional.empty();
    }

    /** How many {@link #exportTable} calls may run at the same time. */
    default int parallelism() {
        return 1;
    }

    /** Ends the session and releases every lock it holds. Idempotent. */
    @Override
    void close();
}

package dev.tidemark.source;

import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.util.List;
import java.util.Optional;

/**
 * An all-or-nothing restore into one target database. Nothing becomes visible to other clients before
 * {@link #commit()}; {@link #close()} without a successful commit leaves the target exactly as it was.
 * Methods are called in this order: {@link #prepare}, then {@link #load} (or a {@link #csvImport}) for every
 * part of every table (parts of one table in order), then {@link #finish}, then {@link #commit}.
 */
public interface RestoreSession extends AutoCloseable {

    /** Backend name and server version of the target. */
    String backendVersion();

    /**
     * Checks the target against the schema and creates the tables (columns, primary keys; no secondary
     * indexes or foreign keys yet). Fails with {@link dev.tidemark.error.ErrorKind#TARGET_CONFLICT} before
     * changing anything when a table of the same name exists and {@code replace} is false; with
     * {@code replace} true such tables are replaced, atomically with the rest of the restore. Tables of
     * the target that are not in the schema are never touched.
     *
     * @return warnings about lossy mappings, each naming {@code table.column}
     */
    List<String> prepare(Schema schema, boolean replace) throws Exception;

    /** Bulk-loads rows into a table created by {@link #prepare}. Returns the number of rows loaded. */
    long load(Table table, RowSource rows) throws Exception;

    /**
     * A faster load for {@code table} when the target reads the archive's CSV as it is, or empty (then
     * {@link #load} is used). Called in place of {@link #load}, with the same ordering. See {@link CsvImport}
     * for what the bytes are and when a session may offer it.
     */
    default Optional<CsvImport> csvImport(Table table) {
        return Optional.empty();
    }

    /**
     * How many {@link #load} / {@link #csvImport} calls may run at the same time, from different threads, once
     * {@link #prepare} has returned. Above 1, parts (also parts of one table) may be loaded concurrently and in
     * any order; the restore stays all-or-nothing. The default, 1, keeps the order described above.
     */
    default int parallelism() {
        return 1;
    }

    /**
     * Applies row changes after {@link #finish} and before {@link #commit} (point-in-time recovery), or empty when
     * the backend cannot (then a restore to a point in time into it is refused before anything is written).
     */
    default Optional<ChangeApplier> changeApplier() {
        return Optional.empty();
    }

    /** Creates secondary indexes, unique and foreign keys, and resets sequences / auto-increment values. */
    void finish(Schema schema) throws Exception;

    /** Makes the whole restore visible at once. */
    void commit() throws Exception;

    /** Rolls back unless committed, and releases the connection. Idempotent. */
    @Override
    void close();
}

package dev.tidemark.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A place that keeps snapshot objects: a local folder, an S3 bucket, an Azure container. Providers
 * only move bytes; object names and layout belong to {@link dev.tidemark.catalog.SnapshotCatalog}.
 * Names are relative, use {@code /} as separator, and follow {@link ObjectNames}: every method given
 * an invalid name or prefix throws {@link IllegalArgumentException} before touching the storage.
 *
 * <p>Contract (checked by {@code StorageContractTest}, which every provider must pass):
 * <ul>
 *   <li>an object written through {@link #create} is invisible to {@link #open}, {@link #stat} and
 *       {@link #list} until {@link Upload#commit()} returns; an aborted or abandoned upload leaves nothing
 *       visible and no other object changed;</li>
 *   <li>committing an upload under an existing name replaces that object atomically;</li>
 *   <li>{@link #list} returns every committed object whose name starts with the prefix, sorted by name
 *       ascending;</li>
 *   <li>{@link #open} and {@link #stat} of a missing name: {@code NoSuchObjectException} / empty;</li>
 *   <li>{@link #delete} of a missing name succeeds (idempotent);</li>
 *   <li>uploads of different names may run concurrently from several threads;</li>
 *   <li>failures are {@link IOException}s whose messages never contain credentials.</li>
 * </ul>
 */
public interface SnapshotStorage extends AutoCloseable {

    /** Provider name and redacted location, e.g. {@code local /var/lib/tidemark/snapshots}. */
    String describe();

    /** Starts storing an object; the bytes stream, nothing is buffered whole. */
    Upload create(String name) throws IOException;

    /** Opens a committed object for streaming reads. */
    InputStream open(String name) throws IOException;

    /** Size and modification time of a committed object, or empty if there is none. */
    Optional<StoredObject> stat(String name) throws IOException;

    /**
     * Committed objects whose names start with {@code prefix} ({@code ""} for all), sorted by name
     * ascending (by UTF-16 code unit, which for valid names is byte order); uploads in progress are not
     * listed.
     */
    List<StoredObject> list(String prefix) throws IOException;

    /** Removes an object; succeeds when it does not exist. */
    void delete(String name) throws IOException;

    /**
     * Removes leftovers of uploads that never committed (crashed processes). Safe to call at any time:
     * uploads still running, in this process or another, are left alone.
     *
     * @return how many leftovers were removed
     */
    default int cleanupIncomplete() throws IOException {
        return 0;
    }

    @Override
    default void close() throws IOException {
    }
}

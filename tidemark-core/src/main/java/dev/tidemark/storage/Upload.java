package dev.tidemark.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An object being written. Write the bytes to {@link #stream()}, then {@link #commit()} to make the
 * object visible, or {@link #abort()} to discard it. {@link #close()} without commit aborts.
 *
 * <p>When a write or the commit fails with an {@link IOException} (a full disk, a lost connection),
 * the new content never becomes visible and the provider removes what it had stored of it; the caller
 * still closes the upload. One upload is written by one thread; different uploads may run at once.
 */
public interface Upload extends AutoCloseable {

    /** Where the object's bytes go. Closing this stream does not commit. */
    OutputStream stream();

    /**
     * Makes the object durable and visible under its name, replacing any object of that name atomically;
     * after this, the stream is closed. Calling it again after success does nothing; after
     * {@link #abort()} it throws.
     */
    void commit() throws IOException;

    /** Discards everything written. Idempotent; a no-op after commit. */
    void abort() throws IOException;

    @Override
    default void close() throws IOException {
        abort();
    }
}

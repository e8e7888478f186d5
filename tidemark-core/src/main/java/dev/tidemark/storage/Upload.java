package dev.tidemark.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An object being written. Write the bytes to {@link #stream()}, then {@link #commit()} to make the
 * object visible, or {@link #abort()} to discard it. {@link #close()} without commit aborts.
 */
public interface Upload extends AutoCloseable {

    /** Where the object's bytes go. Closing this stream does not commit. */
    OutputStream stream();

    /** Makes the object durable and visible under its name; after this, the stream is closed. */
    void commit() throws IOException;

    /** Discards everything written. Idempotent; a no-op after commit. */
    void abort() throws IOException;

    @Override
    default void close() throws IOException {
        abort();
    }
}

package dev.tidemark.engine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Rethrows, on the thread that waits for them, failures that happened on a worker thread — as the same
 * exception, so that {@link Failures} maps them exactly as if they had happened on the waiting thread.
 */
final class WorkerFailures {
    private WorkerFailures() {
    }

    /** Throws {@code failure} (if any) as it is when it is an exception or an error. */
    static void rethrow(Throwable failure) throws Exception {
        if (failure instanceof Exception e) {
            throw e;
        }
        rethrowUnchecked(failure);
    }

    /** For streams: throws {@code failure} (if any) as it is when it is an I/O or unchecked exception or an error. */
    static void rethrowIo(Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        rethrowUnchecked(failure);
    }

    private static void rethrowUnchecked(Throwable failure) {
        if (failure == null) {
            return;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new UncheckedIOException(new IOException(failure));
    }
}

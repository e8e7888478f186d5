package dev.tidemark.engine;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.sql.SQLException;

/** Turns low-level failures into one-line {@link TidemarkException}s that say where they happened. */
final class Failures {
    private Failures() {
    }

    /**
     * @param operation what was being done, e.g. "snapshot of sqlite:/data/main.db"
     * @param ioKind    the kind to use for a plain IOException (storage vs archive side)
     */
    static TidemarkException map(Throwable failure, String operation, ErrorKind ioKind) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TidemarkException te) {
            return te;
        }
        if (cause instanceof InterruptedException || cause instanceof InterruptedIOException
                || cause instanceof ClosedByInterruptException) {
            return new TidemarkException(ErrorKind.INTERRUPTED, operation + " was interrupted",
                    "nothing was committed; run it again", cause);
        }
        if (cause instanceof SQLException sql) {
            return new TidemarkException(ErrorKind.DATABASE_ERROR, operation + " failed: " + TidemarkException.reasonOf(sql),
                    "nothing was committed; fix the cause and run it again", cause);
        }
        if (cause instanceof IOException io) {
            String message = TidemarkException.reasonOf(io);
            if (message.contains("No space left on device")) {
                return new TidemarkException(ErrorKind.STORAGE, operation + " failed: no space left on device",
                        "free disk space or point SNAPSHOTS_STORAGE_LOCAL_DIR elsewhere; nothing was kept", cause);
            }
            return new TidemarkException(ioKind, operation + " failed: " + message, null, cause);
        }
        return new TidemarkException(ErrorKind.INTERNAL, operation + " failed: " + TidemarkException.reasonOf(cause),
                "run again with --debug and report the stack trace", cause);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof java.util.concurrent.ExecutionException
                || current instanceof java.util.concurrent.CompletionException
                || current instanceof java.io.UncheckedIOException
                || current.getClass() == RuntimeException.class)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}

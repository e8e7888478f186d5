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
            return new TidemarkException(ErrorKind.DATABASE_ERROR, operation + " failed: " + firstLine(sql.getMessage()),
                    "nothing was committed; fix the cause and run it again", cause);
        }
        if (cause instanceof IOException io) {
            String message = io.getMessage() == null ? io.getClass().getSimpleName() : firstLine(io.getMessage());
            if (message.contains("No space left on device")) {
                return new TidemarkException(ErrorKind.STORAGE, operation + " failed: no space left on device",
                        "free disk space or point SNAPSHOTS_STORAGE_LOCAL_DIR elsewhere; nothing was kept", cause);
            }
            return new TidemarkException(ioKind, operation + " failed: " + message, null, cause);
        }
        String message = cause.getMessage() == null ? cause.getClass().getName() : firstLine(cause.getMessage());
        return new TidemarkException(ErrorKind.INTERNAL, operation + " failed: " + message,
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

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}

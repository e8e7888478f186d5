package dev.tidemark.engine;

import dev.tidemark.source.RowSource;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Lets a restore notice that its thread was interrupted (shutdown, cancellation) while rows stream
 * from a file or socket read that would not notice by itself; the restore then fails and rolls back.
 */
final class InterruptibleRows implements RowSource {
    private static final int CHECK_EVERY = 4096;

    private final RowSource rows;
    private int sinceCheck;

    InterruptibleRows(RowSource rows) {
        this.rows = rows;
    }

    @Override
    public String[] next() throws IOException {
        if (++sinceCheck == CHECK_EVERY) {
            sinceCheck = 0;
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("the restore was interrupted");
            }
        }
        return rows.next();
    }
}

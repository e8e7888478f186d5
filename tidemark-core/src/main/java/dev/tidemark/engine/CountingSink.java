package dev.tidemark.engine;

import dev.tidemark.source.RowSink;
import java.io.IOException;

/** Passes rows on and reports them to the progress in batches, not per row. */
final class CountingSink implements RowSink {
    private static final int REPORT_EVERY = 1024;

    private final RowSink target;
    private final JobProgress progress;
    private int unreported;

    CountingSink(RowSink target, JobProgress progress) {
        this.target = target;
        this.progress = progress;
    }

    @Override
    public void accept(String[] values) throws IOException {
        target.accept(values);
        if (++unreported == REPORT_EVERY) {
            flush();
        }
    }

    /** Reports the rows not yet counted. */
    void flush() {
        progress.addRows(unreported);
        unreported = 0;
    }
}

package dev.tidemark.cli;

import dev.tidemark.engine.JobProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Redraws one status line on a terminal while a job runs. Shows nothing for jobs shorter than a
 * second, and nothing at all when no person is watching.
 */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 28;

    private final ScheduledExecutorService ticker;
    private final PrintStream err;
    private volatile boolean drawn;

    private ProgressBar(JobProgress progress, PrintStream err) {
        this.err = err;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tidemark-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> draw(progress.read()), 1000, 250, TimeUnit.MILLISECONDS);
    }

    static AutoCloseable start(JobProgress progress, Terminal terminal) {
        return terminal.interactive() ? new ProgressBar(progress, terminal.err()) : () -> { };
    }

    private void draw(JobProgress.Snapshot state) {
        StringBuilder line = new StringBuilder("\r");
        if (state.percent() != null) {
            int filled = (int) (state.percent() / 100 * WIDTH);
            line.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%5.1f%% ", state.percent()));
        }
        line.append(state.phase());
        if (state.table() != null) {
            line.append(' ').append(state.table());
        }
        line.append(String.format(Locale.ROOT, "  %,d rows  %s  %ds", state.rowsDone(), Sizes.human(state.bytesDone()),
                state.elapsedMillis() / 1000));
        String text = line.length() > 110 ? line.substring(0, 110) : line.toString();
        err.print(text + "\u001b[K");
        err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}

package dev.tidemark.engine;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The mode of the main database and the job that set it. One job at a time may hold the main
 * database (a snapshot of it or a restore into it); a second one is refused with
 * {@link ErrorKind#BUSY} naming the running job.
 */
public final class OperationMonitor {
    private final AtomicReference<Held> held = new AtomicReference<>();

    private record Held(Mode mode, JobProgress progress) {
    }

    /** The current mode. */
    public Mode mode() {
        Held current = held.get();
        return current == null ? Mode.NORMAL : current.mode();
    }

    /** The progress of the job that holds the main database, if any. */
    public Optional<JobProgress> currentJob() {
        return Optional.ofNullable(held.get()).map(Held::progress);
    }

    /**
     * Enters {@code mode} for the duration of the returned handle.
     *
     * @throws TidemarkException BUSY when another job holds the main database
     */
    public ModeHandle enter(Mode mode, JobProgress progress) {
        Held mine = new Held(mode, progress);
        if (!held.compareAndSet(null, mine)) {
            Held other = held.get();
            String what = other == null ? "another job" : other.progress().read().operation()
                    + (other.progress().read().snapshotId() == null ? "" : " " + other.progress().read().snapshotId());
            throw new TidemarkException(ErrorKind.BUSY, "the main database is busy: " + what + " is running",
                    "wait for it to finish and try again");
        }
        return () -> held.compareAndSet(mine, null);
    }

    /** Leaves the mode entered by {@link #enter}; idempotent. */
    @FunctionalInterface
    public interface ModeHandle extends AutoCloseable {
        @Override
        void close();
    }
}

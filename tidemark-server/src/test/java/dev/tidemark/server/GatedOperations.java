package dev.tidemark.server;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.Mode;
import dev.tidemark.engine.OperationMonitor;
import dev.tidemark.engine.RestoreResult;
import dev.tidemark.engine.Tidemark;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.tidemark.server.jobs.SnapshotOperations;

/**
 * The real operations, except that snapshots and restores into the main database first hold the mode
 * the engine would hold and wait for the test to open the gate: tests see a job that is running for
 * as long as they need, without depending on timing.
 */
class GatedOperations implements SnapshotOperations {
    private final SnapshotOperations real;
    private final OperationMonitor monitor = new OperationMonitor();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);
    /** Whether held jobs ignore interruption, as a database driver busy in a statement does. */
    volatile boolean deaf;

    GatedOperations(SnapshotOperations real) {
        this.real = real;
    }

    @Override
    public Tidemark engine() {
        return real.engine();
    }

    @Override
    public OperationMonitor monitor() {
        return monitor;
    }

    @Override
    public SnapshotEntry createSnapshot(String source, JobProgress progress) {
        hold(Mode.READ_ONLY, progress);
        return real.createSnapshot(source, progress);
    }

    @Override
    public RestoreResult restore(String id, String target, boolean replace, JobProgress progress) {
        if (target == null) {
            hold(Mode.MAINTENANCE, progress);
        }
        return real.restore(id, target, replace, progress);
    }

    private void hold(Mode mode, JobProgress progress) {
        OperationMonitor.ModeHandle held = monitor.enter(mode, progress);
        try {
            entered.countDown();
            while (true) {
                try {
                    if (!gate.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the gate");
                    }
                    break;
                } catch (InterruptedException e) {
                    if (!deaf) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.tidemark.error.TidemarkException(dev.tidemark.error.ErrorKind.INTERRUPTED, "interrupted");
        } finally {
            held.close();
        }
    }
}

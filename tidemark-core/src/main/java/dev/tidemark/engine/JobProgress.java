package dev.tidemark.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live progress of one job, updated by the worker and read by any thread (CLI progress bar, HTTP
 * status). Totals are -1 when unknown.
 */
public final class JobProgress {
    private final String operation;
    private final String snapshotId;
    private final Instant startedAt = Instant.now();
    private volatile Phase phase = Phase.STARTING;
    private volatile String table;
    private final AtomicLong rowsDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private volatile long rowsTotal = -1;
    private volatile long bytesTotal = -1;
    private volatile String error;

    public JobProgress(String operation, String snapshotId) {
        this.operation = operation;
        this.snapshotId = snapshotId;
    }

    public void phase(Phase newPhase) {
        this.phase = newPhase;
    }

    public void table(String tableName) {
        this.table = tableName;
    }

    public void addRows(long rows) {
        rowsDone.addAndGet(rows);
    }

    public void rowsDone(long rows) {
        rowsDone.set(rows);
    }

    public void bytesDone(long bytes) {
        bytesDone.set(bytes);
    }

    public void addBytes(long bytes) {
        bytesDone.addAndGet(bytes);
    }

    public void rowsTotal(long total) {
        this.rowsTotal = total;
    }

    public void bytesTotal(long total) {
        this.bytesTotal = total;
    }

    public void failed(String message) {
        this.error = message;
        this.phase = Phase.FAILED;
    }

    /** A consistent-enough copy for display. */
    public Snapshot read() {
        long rows = rowsDone.get();
        long bytes = bytesDone.get();
        Double percent = null;
        if (phase == Phase.DONE) {
            percent = 100.0;
        } else if (bytesTotal > 0) {
            percent = Math.min(99.9, 100.0 * bytes / bytesTotal);
        } else if (rowsTotal > 0) {
            percent = Math.min(99.9, 100.0 * rows / rowsTotal);
        }
        return new Snapshot(operation, snapshotId, phase.label(), table, rows, rowsTotal < 0 ? null : rowsTotal,
                bytes, bytesTotal < 0 ? null : bytesTotal, percent,
                Duration.between(startedAt, Instant.now()).toMillis(), error);
    }

    /** Point-in-time view of a job's progress, serialisable as JSON. */
    public record Snapshot(String operation, String snapshotId, String phase, String table, long rowsDone,
                           Long rowsTotal, long bytesDone, Long bytesTotal, Double percent, long elapsedMillis,
                           String error) {
    }
}

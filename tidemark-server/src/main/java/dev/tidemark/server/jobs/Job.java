package dev.tidemark.server.jobs;

import dev.tidemark.engine.JobProgress;
import dev.tidemark.error.TidemarkException;
import java.time.Instant;
import java.util.Objects;

/**
 * One snapshot, restore or verify run by the server. Thread-safe: the worker finishes it, any thread
 * reads it.
 */
public final class Job {
    /** Where a job is in its life. */
    public enum State { RUNNING, SUCCEEDED, FAILED }

    private final String id;
    private final String operation;
    private final String resource;
    private final String snapshotId;
    private final String description;
    private final JobProgress progress;
    private final Instant startedAt;
    private volatile State state = State.RUNNING;
    private volatile Object result;
    private volatile TidemarkException failure;
    private volatile Instant finishedAt;

    Job(String id, String operation, String resource, String snapshotId, String description, JobProgress progress,
        Instant startedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.snapshotId = snapshotId;
        this.description = Objects.requireNonNull(description, "description");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.startedAt = startedAt;
    }

    public String id() {
        return id;
    }

    /** {@code snapshot}, {@code restore} or {@code verify}. */
    public String operation() {
        return operation;
    }

    /** What the job holds exclusively, e.g. the source {@code main} or a redacted restore target. */
    public String resource() {
        return resource;
    }

    /** The snapshot restored or verified, or the one created once it exists; null before that. */
    public String snapshotId() {
        return snapshotId;
    }

    /** A short sentence for people, e.g. "restore of 2026… into sqlite:/data/app.db". */
    public String description() {
        return description;
    }

    public JobProgress progress() {
        return progress;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public State state() {
        return state;
    }

    /** The engine's result (snapshot entry, restore or verify result) once succeeded, else null. */
    public Object result() {
        return result;
    }

    /** Why the job failed, or null. */
    public TidemarkException failure() {
        return failure;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    void succeeded(Object value, Instant at) {
        this.result = value;
        this.finishedAt = at;
        this.state = State.SUCCEEDED;
    }

    void failed(TidemarkException why, Instant at) {
        this.failure = why;
        if (progress.read().error() == null) {
            progress.failed(why.getMessage());
        }
        this.finishedAt = at;
        this.state = State.FAILED;
    }
}

package dev.tidemark.server.jobs;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.dialect.Dialects;
import dev.tidemark.engine.Tidemark;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.server.SnapshotOperations;

/**
 * Starts snapshot, restore and verify jobs after checking what can be checked at once (the snapshot
 * exists, the target is understood, snapshots are enabled), so that such mistakes are answered
 * straight away instead of as failed jobs.
 */
public final class SnapshotJobs {
    /** The message of every refusal while {@code SNAPSHOTS_ENABLED=0}. */
    public static final String DISABLED_MESSAGE = "snapshots are disabled (SNAPSHOTS_ENABLED=0)";

    private final SnapshotOperations operations;
    private final JobRunner runner;

    public SnapshotJobs(SnapshotOperations operations, JobRunner runner) {
        this.operations = operations;
        this.runner = runner;
    }

    public JobRunner runner() {
        return runner;
    }

    /**
     * Starts a snapshot of {@code source}.
     *
     * @throws TidemarkException DISABLED, USAGE for an unknown or unavailable source, BUSY when a job
     *                           holds the source
     */
    public Job createSnapshot(String source) {
        requireEnabled();
        String name = source == null || source.isBlank() ? Tidemark.MAIN : source.strip();
        requireAvailable(name);
        return runner.submit("snapshot", name, null, "snapshot of the " + describeSource(name),
                progress -> operations.createSnapshot(name, progress));
    }

    /**
     * Starts a restore of snapshot {@code id} into {@code target} (a connection string), or into the
     * configured main database when {@code target} is null or blank.
     *
     * @throws TidemarkException DISABLED, NOT_FOUND, CONFIG for a target no dialect understands, BUSY
     */
    public Job restore(String id, String target, boolean replace) {
        requireEnabled();
        SnapshotEntry entry = operations.show(id);
        boolean intoMain = intoMain(target);
        String targetUrl = intoMain ? null : target.strip();
        // parsed before anything starts, and shown rebuilt from its checked parts, never as given
        String where = intoMain ? "the main database" : Dialects.forUrl(targetUrl).describe();
        String resource = intoMain ? Tidemark.MAIN : "target " + where;
        return runner.submit("restore", resource, entry.id(), "restore of " + entry.id() + " into " + where,
                progress -> operations.restore(entry.id(), targetUrl, replace, progress));
    }

    /**
     * Starts reading snapshot {@code id} completely and checking every checksum.
     *
     * @throws TidemarkException NOT_FOUND, BUSY when the same snapshot is being verified
     */
    public Job verify(String id) {
        SnapshotEntry entry = operations.show(id);
        return runner.submit("verify", "verify " + entry.id(), entry.id(), "verification of " + entry.id(),
                progress -> operations.verify(entry.id(), progress));
    }

    /** Whether {@code target} means the configured main database. */
    public boolean intoMain(String target) {
        return target == null || target.isBlank() || target.strip().equals(operations.config().databaseUrl());
    }

    /** Why snapshots of {@code source} cannot be taken, or null when they can. */
    public static String unavailableReason(String source) {
        if (Tidemark.REDIS.equals(source)) {
            return "Redis snapshots are not available: this version has no Redis source yet";
        }
        return null;
    }

    private void requireEnabled() {
        if (!operations.config().snapshotsEnabled()) {
            throw new TidemarkException(ErrorKind.DISABLED, DISABLED_MESSAGE, "set SNAPSHOTS_ENABLED=1 to enable them");
        }
    }

    private static void requireAvailable(String source) {
        if (!Tidemark.MAIN.equals(source) && !Tidemark.REDIS.equals(source)) {
            throw new TidemarkException(ErrorKind.USAGE, "unknown snapshot source '" + source + "'",
                    "use source main (the main database) or redis");
        }
        String reason = unavailableReason(source);
        if (reason != null) {
            throw new TidemarkException(ErrorKind.USAGE, reason, "snapshot the main database (source main)");
        }
    }

    private static String describeSource(String source) {
        return Tidemark.MAIN.equals(source) ? "main database" : source;
    }
}

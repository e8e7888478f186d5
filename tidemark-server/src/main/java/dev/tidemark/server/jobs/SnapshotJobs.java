package dev.tidemark.server.jobs;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.engine.CaptureService;
import dev.tidemark.engine.Tidemark;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.source.SnapshotSource;
import java.util.Optional;
import dev.tidemark.source.SnapshotSource;

/**
 * Starts snapshot, restore and verify jobs after checking what can be checked at once (the snapshot
 * exists, the target is understood, snapshots are enabled), so that such mistakes are answered
 * straight away instead of as failed jobs.
 */
public final class SnapshotJobs {
    private final SnapshotOperations operations;
    private final JobRunner runner;
    private volatile CaptureService captures;

    public SnapshotJobs(SnapshotOperations operations, JobRunner runner) {
        this.operations = operations;
        this.runner = runner;
    }

    public JobRunner runner() {
        return runner;
    }

    /** The running change captures, once the server has started them; null before. */
    public CaptureService captures() {
        return captures;
    }

    /** Starts the change captures of the sources with point-in-time recovery on (at server start). */
    public void startCaptures(java.time.Clock clock) {
        captures = CaptureService.start(operations.engine(), clock);
    }

    /** Stops the change captures after they stored what they captured. */
    public void stopCaptures() {
        if (captures != null) {
            captures.close();
        }
    }

    /**
     * Starts a restore of {@code source} to a point in time ({@code time}, ISO-8601) or to a {@code position}, into
     * {@code target} or, when that is blank, the source's configured database.
     *
     * @throws TidemarkException DISABLED, USAGE for a malformed point, BUSY
     */
    public Job restoreToPoint(String source, String time, String position, String target, boolean replace) {
        operations.requireEnabled();
        SnapshotSource named = source == null || source.isBlank() ? SnapshotSource.MAIN : SnapshotSource.require(source.strip());
        java.time.Instant until;
        try {
            until = time == null ? null : dev.tidemark.types.CanonicalText.parseTimestampTz(time);
        } catch (RuntimeException e) {
            throw new TidemarkException(ErrorKind.USAGE, "'time' is not a point in time",
                    "send e.g. {\"time\": \"2026-12-03T14:05:00Z\"}");
        }
        boolean intoMain = operations.intoMain(target);
        String targetUrl = intoMain ? null : target.strip();
        String where = intoMain ? named.description() : Tidemark.describe(targetUrl);
        String point = until != null ? until.toString() : "position " + position;
        return runner.submit("restore", intoMain ? named.name() : "target " + where, null,
                "restore of " + named.name() + " as of " + point + " into " + where,
                progress -> operations.engine().pitr().restore(named.name(), until, position, targetUrl, replace, progress));
    }

    /**
     * Starts a snapshot of {@code source}.
     *
     * @throws TidemarkException DISABLED, USAGE for an unknown or unavailable source, BUSY when a job
     *                           holds the source
     */
    public Job createSnapshot(String source) {
        operations.requireEnabled();
        SnapshotSource named = source == null || source.isBlank() ? SnapshotSource.MAIN : SnapshotSource.require(source.strip());
        Optional<String> reason = operations.unavailableReason(named);
        if (reason.isPresent()) {
            throw new TidemarkException(ErrorKind.USAGE, reason.get(), "snapshot the main database (source main)");
        }
        return runner.submit("snapshot", named.name(), null, "snapshot of " + named.description(),
                progress -> operations.createSnapshot(named.name(), progress));
    }

    /**
     * Starts a restore of snapshot {@code id} into {@code target} (a connection string), or into the
     * configured main database when {@code target} is null or blank.
     *
     * @throws TidemarkException DISABLED, NOT_FOUND, CONFIG for a target no dialect understands, BUSY
     */
    public Job restore(String id, String target, boolean replace) {
        operations.requireEnabled();
        SnapshotEntry entry = operations.show(id);
        boolean intoMain = operations.intoMain(target);
        String targetUrl = intoMain ? null : target.strip();
        // parsed before anything starts, and shown rebuilt from its checked parts, never as given
        String where = intoMain ? "the main database" : Tidemark.describe(targetUrl);
        String resource = intoMain ? SnapshotSource.MAIN.name() : "target " + where;
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

    /** Why snapshots of the source called {@code source} cannot be taken, or empty when they can. */
    public Optional<String> unavailableReason(String source) {
        return operations.unavailableReason(SnapshotSource.require(source));
    }
}

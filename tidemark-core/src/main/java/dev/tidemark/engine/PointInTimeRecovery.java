package dev.tidemark.engine;

import dev.tidemark.capture.ChangeSource;
import dev.tidemark.catalog.CaptureProgress;
import dev.tidemark.catalog.ChangeLog;
import dev.tidemark.catalog.ChangeSegmentEntry;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.source.Connector;
import dev.tidemark.source.Position;
import dev.tidemark.source.Positions;
import dev.tidemark.source.SnapshotSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Point-in-time recovery of the sources of one {@link Tidemark}: capturing their committed changes into change
 * logs after base snapshots, the window of points they can be restored to, and restores to a point, all or
 * nothing, into the same or another backend (docs/PITR.md). Thread-safe.
 */
public final class PointInTimeRecovery {
    private final Tidemark tidemark;
    private final ChangeLog log;
    private final Clock clock;
    private final String owner;

    PointInTimeRecovery(Tidemark tidemark, ChangeLog log, Clock clock) {
        this.tidemark = tidemark;
        this.log = log;
        this.clock = clock;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A capture of {@code source}'s changes, to {@link ChangeCaptureJob#run} on a thread of its own. */
    public ChangeCaptureJob capture(String source) {
        tidemark.requireEnabled();
        SnapshotSource named = SnapshotSource.require(source);
        Connector connector = tidemark.connector(tidemark.config().connection(named).orElseThrow(() -> new TidemarkException(
                ErrorKind.CONFIG, named.connectionVariable() + " is not set", "set it to capture the changes of " + named.description())));
        if (!(connector instanceof ChangeSource changes)) {
            throw new TidemarkException(ErrorKind.CONFIG, "point-in-time recovery is not available for "
                    + connector.describe() + ": its backend cannot stream its changes",
                    "turn " + pitrVariable(named) + " off, or see docs/PITR.md for the backends that can");
        }
        ChangeRecorder recorder = new ChangeRecorder(named, connector, changes, captureName(named), tidemark.catalog(), log,
                tidemark.snapshotCreator(), tidemark.config().snapshotMode(), tidemark.config().pitrInterval(),
                tidemark.config().compressionLevel(), tidemark.config().agePublicKeys(), owner, clock);
        return new ChangeCaptureJob(recorder);
    }

    /** The points in time {@code source} can be restored to. */
    public RecoveryWindow window(String source) {
        SnapshotSource named = SnapshotSource.require(source);
        try {
            List<RecoveryWindow.Span> spans = new ArrayList<>();
            // one progress entry per kept snapshot: the window never lists the segments themselves
            List<SnapshotEntry> entries = new ArrayList<>(tidemark.catalog().list(named.name()));
            entries.sort(java.util.Comparator.comparing(SnapshotEntry::createdAt));
            for (SnapshotEntry entry : entries) {
                Optional<CaptureProgress> progress = log.progress(named.name(), entry.id());
                if (progress.isPresent()) {
                    Instant from = entry.createdAt();
                    Instant to = progress.get().caughtUpAt();
                    spans.add(new RecoveryWindow.Span(entry.id(), from, to.isBefore(from) ? from : to,
                            progress.get().segments(), progress.get().gap()));
                }
            }
            return new RecoveryWindow(named.name(), spans);
        } catch (IOException e) {
            throw Failures.map(e, "reading the change log of " + named.name(), ErrorKind.STORAGE);
        }
    }

    /**
     * Restores {@code source} as it was at {@code until} (or at {@code position}, a position in the source's own
     * notation): the newest base before it, then every transaction committed at or before it, all or nothing.
     *
     * @param target a connection string, or null for the source's own configured database (which is then in
     *               maintenance mode until the restore ends)
     * @throws TidemarkException NOT_FOUND when the point lies outside the window (the message shows the window)
     */
    public PointInTimeResult restore(String source, Instant until, String position, String target, boolean replace,
                                     JobProgress progress) {
        tidemark.requireEnabled();
        if ((until == null) == (position == null)) {
            throw new TidemarkException(ErrorKind.USAGE, "give either a time or a position to restore to",
                    "use --time 2026-12-03T14:00:00Z or --position …");
        }
        RecoveryWindow window = window(source);
        RecoveryWindow.Span span = (until != null ? window.spanAt(until) : spanOf(source, window, position))
                .orElseThrow(() -> new TidemarkException(ErrorKind.NOT_FOUND, (until != null ? until.toString() : position)
                        + " is outside the restorable window of " + source + " (" + window.describe() + ")",
                        "run `tidemark pitr window` and pick a point inside it"));
        try {
            List<ChangeSegmentEntry> segments = log.segments(source, span.base());
            Position upTo = position == null ? null : Positions.read(kindOf(source, span, segments), position, Map.of());
            ChangeReplay replay = new ChangeReplay(log, segments, tidemark.decryptor(), until, upTo);
            RestoreResult restored = tidemark.restore(span.base(), target, replace, progress, replay);
            return new PointInTimeResult(restored, replay.transactions(), replay.changes(),
                    replay.reached() == null ? span.from() : replay.reached());
        } catch (IOException e) {
            throw Failures.map(e, "reading the change log of " + source, ErrorKind.STORAGE);
        }
    }

    private Optional<RecoveryWindow.Span> spanOf(String source, RecoveryWindow window, String position) throws RuntimeException {
        for (int i = window.spans().size() - 1; i >= 0; i--) {
            RecoveryWindow.Span span = window.spans().get(i);
            try {
                List<ChangeSegmentEntry> segments = log.segments(source, span.base());
                Optional<CaptureProgress> progress = log.progress(source, span.base());
                if (progress.isEmpty()) {
                    continue;
                }
                String kind = progress.get().positionKind();
                Position point = Positions.read(kind, position, Map.of());
                Position start = tidemark.basePosition(span.base());
                Position end = Positions.read(kind, progress.get().caughtUpTo(), Map.of());
                if (!segments.isEmpty()) {
                    Position last = Positions.read(kind, segments.get(segments.size() - 1).last(), Map.of());
                    end = last.compareTo(end) > 0 ? last : end;
                }
                if (start != null && point.compareTo(start) >= 0 && point.compareTo(end) <= 0) {
                    return Optional.of(span);
                }
            } catch (IOException e) {
                throw Failures.map(e, "reading the change log of " + source, ErrorKind.STORAGE);
            } catch (IllegalArgumentException e) {
                // a position of another kind belongs to another base's backend
            }
        }
        return Optional.empty();
    }

    private String kindOf(String source, RecoveryWindow.Span span, List<ChangeSegmentEntry> segments) throws IOException {
        return segments.isEmpty() ? log.progress(source, span.base()).orElseThrow().positionKind()
                : segments.get(0).positionKind();
    }

    /** Drops the change log of a base snapshot being deleted. */
    void deleteLog(SnapshotEntry entry) throws IOException {
        log.deleteBase(entry.source(), entry.id());
    }

    /**
     * The name the source keeps the capture under (a PostgreSQL replication slot): stable for one storage, so
     * servers sharing it share the capture, and distinct for another storage capturing the same database.
     */
    String captureName(SnapshotSource source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(tidemark.storageDescription().getBytes(StandardCharsets.UTF_8));
            return "tidemark_" + source.name() + "_" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String pitrVariable(SnapshotSource source) {
        return "SNAPSHOTS_PITR_" + source.name().toUpperCase(java.util.Locale.ROOT);
    }

    /** A running capture of one source's changes. */
    public static final class ChangeCaptureJob {
        private final ChangeRecorder recorder;

        ChangeCaptureJob(ChangeRecorder recorder) {
            this.recorder = recorder;
        }

        /** Captures until {@code stop} says so; a failure ends it with its exception (the caller retries). */
        public void run(BooleanSupplier stop) throws Exception {
            recorder.run(stop);
        }

        public CaptureStatus status() {
            return recorder.status();
        }
    }
}

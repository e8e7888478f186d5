package dev.tidemark.engine;

import dev.tidemark.archive.changes.ChangeSegmentWriter;
import dev.tidemark.capture.CaptureGapException;
import dev.tidemark.capture.ChangeCapture;
import dev.tidemark.capture.ChangeSource;
import dev.tidemark.capture.ChangeTransaction;
import dev.tidemark.capture.SchemaChangedException;
import dev.tidemark.catalog.CaptureLease;
import dev.tidemark.catalog.CaptureProgress;
import dev.tidemark.catalog.ChangeLog;
import dev.tidemark.catalog.ChangeSegmentEntry;
import dev.tidemark.catalog.SnapshotCatalog;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.crypto.AgeEncryption;
import dev.tidemark.source.Connector;
import dev.tidemark.source.Position;
import dev.tidemark.source.Positions;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.source.SnapshotSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the committed changes of one source into its change log, for point-in-time recovery: a base snapshot
 * anchored where the capture starts, then a segment of the transactions of every interval, stored before the
 * source may release them. It resumes after a restart from the log's stored progress; a change of the tables'
 * structure or a gap in the source's log makes it take a new base and go on (docs/PITR.md).
 */
final class ChangeRecorder {
    /** A segment is sealed early once it holds about this many characters of CSV. */
    static final long SEGMENT_CHARACTERS = 16L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeRecorder.class);

    private final SnapshotSource source;
    private final Connector connector;
    private final ChangeSource changes;
    private final String captureName;
    private final SnapshotCatalog catalog;
    private final ChangeLog log;
    private final SnapshotCreator creator;
    private final SnapshotMode mode;
    private final Duration interval;
    private final int compressionLevel;
    private final List<String> recipients;
    private final String owner;
    private final Clock clock;
    private final AtomicReference<CaptureStatus> status;

    /** Where the log of the current base stands. */
    private String base;
    private long segments;
    private Position caughtUpTo;
    private Instant caughtUpAt;

    ChangeRecorder(SnapshotSource source, Connector connector, ChangeSource changes, String captureName,
                   SnapshotCatalog catalog, ChangeLog log, SnapshotCreator creator, SnapshotMode mode, Duration interval,
                   int compressionLevel, List<String> recipients, String owner, Clock clock) {
        this.source = source;
        this.connector = connector;
        this.changes = changes;
        this.captureName = captureName;
        this.catalog = catalog;
        this.log = log;
        this.creator = creator;
        this.mode = mode;
        this.interval = interval;
        this.compressionLevel = compressionLevel;
        this.recipients = List.copyOf(recipients);
        this.owner = owner;
        this.clock = clock;
        this.status = new AtomicReference<>(new CaptureStatus(source.name(), "starting", null, null, 0, null, clock.instant()));
    }

    CaptureStatus status() {
        return status.get();
    }

    /** Captures until {@code stop} says so; a failure ends it (the caller retries). */
    void run(BooleanSupplier stop) throws Exception {
        changes.checkReady();
        try (CaptureLease lease = CaptureLease.acquire(catalog.storage(), source.name(), owner, clock)) {
            if (!resume()) {
                takeBase();
            }
            while (!stop.getAsBoolean()) {
                try (ChangeCapture capture = changes.openCapture(captureName, caughtUpTo)) {
                    state("capturing", null);
                    capture(capture, lease, stop);
                    return;
                } catch (SchemaChangedException e) {
                    LOG.info("the tables of {} changed ({}): taking a new base snapshot", source.name(), e.getMessage());
                    takeBase();
                } catch (CaptureGapException e) {
                    LOG.warn("the change log of {} has a gap: {}; taking a new base snapshot", source.name(), e.getMessage());
                    saveProgress(e.getMessage());
                    takeBase();
                }
            }
        } catch (Exception | Error e) {
            state("failed", dev.tidemark.error.TidemarkException.reasonOf(e));
            throw e;
        } finally {
            if (!"failed".equals(status.get().state())) {
                state("stopped", null);
            }
        }
    }

    /** Continues the newest base whose log has no gap and whose snapshot is still kept; false when there is none. */
    private boolean resume() throws IOException {
        for (SnapshotEntry kept : catalog.list(source.name())) {
            String candidate = kept.id();
            Optional<CaptureProgress> progress = log.progress(source.name(), candidate);
            if (progress.isEmpty() || progress.get().gap() != null) {
                continue;
            }
            CaptureProgress stored = progress.get();
            List<ChangeSegmentEntry> written = log.segments(source.name(), candidate);
            Position at = Positions.read(stored.positionKind(), stored.caughtUpTo(), Map.of());
            Instant when = stored.caughtUpAt();
            if (written.size() > stored.segments()) {
                // stored, but the process ended before it recorded its progress: the segment is the log's end
                ChangeSegmentEntry last = written.get(written.size() - 1);
                at = Positions.read(last.positionKind(), last.last(), Map.of());
                when = last.lastCommit();
            }
            if (!at.resumable() || written.size() < stored.segments()) {
                continue;
            }
            base = candidate;
            segments = written.size();
            caughtUpTo = at;
            caughtUpAt = when;
            LOG.info("resuming the change capture of {} after base {} at {}", source.name(), base, caughtUpTo.text());
            return true;
        }
        return false;
    }

    private void takeBase() throws IOException {
        state("base", null);
        AtomicReference<Position> anchor = new AtomicReference<>();
        SnapshotEntry entry = creator.create(connector, source.name(), workers -> {
            SnapshotSession session = changes.openAnchoredSnapshot(captureName, mode, workers);
            anchor.set(session.position());
            return session;
        }, new JobProgress("snapshot", null));
        base = entry.id();
        segments = 0;
        caughtUpTo = anchor.get();
        caughtUpAt = entry.createdAt();
        saveProgress(null);
        LOG.info("base snapshot {} of {} taken at {}; capturing its changes", base, source.name(), caughtUpTo.text());
    }

    private void capture(ChangeCapture capture, CaptureLease lease, BooleanSupplier stop) throws Exception {
        ChangeSegmentWriter segment = new ChangeSegmentWriter(compressionLevel);
        Instant sealAt = clock.instant().plus(interval);
        while (!stop.getAsBoolean()) {
            Duration wait = Duration.between(clock.instant(), sealAt);
            Optional<ChangeTransaction> next = wait.isNegative() ? Optional.empty() : capture.poll(wait);
            if (next.isPresent()) {
                segment.add(next.get().position(), next.get().commitTime(), next.get().changes());
            }
            if (!clock.instant().isBefore(sealAt) || segment.uncompressedBytes() >= SEGMENT_CHARACTERS) {
                seal(segment, capture);
                lease.renew();
                capture.commitPosition(caughtUpTo);
                segment = new ChangeSegmentWriter(compressionLevel);
                sealAt = clock.instant().plus(interval);
            }
        }
        seal(segment, capture);
        capture.commitPosition(caughtUpTo);
    }

    /** Stores what the segment holds and how far the source has come; only then may the source release it. */
    private void seal(ChangeSegmentWriter segment, ChangeCapture capture) throws IOException {
        if (!segment.isEmpty()) {
            byte[] bytes = encrypted(segment.finish());
            ChangeSegmentEntry entry = log.store(source.name(), base, segments + 1, bytes, !recipients.isEmpty(),
                    recipients, segment.last().kind(), segment.first().text(), segment.last().text(),
                    segment.firstCommit(), segment.lastCommit(), segment.transactions(), segment.changes());
            segments = entry.sequence();
            caughtUpTo = segment.last();
            caughtUpAt = segment.lastCommit();
        }
        Position reported = capture.caughtUpTo();
        if (reported != null && reported.compareTo(caughtUpTo) > 0) {
            caughtUpTo = reported;
            if (capture.caughtUpAt() != null) {
                caughtUpAt = max(caughtUpAt, capture.caughtUpAt());
            }
        } else if (reported != null && reported.compareTo(caughtUpTo) == 0 && capture.caughtUpAt() != null) {
            caughtUpAt = max(caughtUpAt, capture.caughtUpAt());
        }
        saveProgress(null);
    }

    private void saveProgress(String gap) throws IOException {
        log.saveProgress(new CaptureProgress(source.name(), base, segments, caughtUpTo.kind(), caughtUpTo.text(),
                caughtUpAt, gap));
        status.set(new CaptureStatus(source.name(), status.get().state(), base, caughtUpAt, segments, null,
                status.get().since()));
    }

    private byte[] encrypted(byte[] plain) throws IOException {
        if (recipients.isEmpty()) {
            return plain;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 1024);
        try (OutputStream age = AgeEncryption.encryptTo(out, recipients)) {
            age.write(plain);
        }
        return out.toByteArray();
    }

    private void state(String state, String error) {
        CaptureStatus current = status.get();
        status.set(new CaptureStatus(source.name(), state, base, caughtUpAt, segments, error, clock.instant()));
        if (error != null) {
            LOG.warn("the change capture of {} failed: {}", current.source(), error);
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}

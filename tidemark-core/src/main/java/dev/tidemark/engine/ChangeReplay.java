package dev.tidemark.engine;

import dev.tidemark.archive.changes.ChangeSegmentReader;
import dev.tidemark.catalog.ChangeLog;
import dev.tidemark.catalog.ChangeSegmentEntry;
import dev.tidemark.crypto.AgeDecryptor;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.source.ChangeApplier;
import dev.tidemark.source.Position;
import dev.tidemark.source.Positions;
import dev.tidemark.source.RestoreSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Applies the change log of a base, after the base is restored, up to a point: every whole transaction that
 * committed at or before {@code until} (or at or before {@code upTo}), in commit order, stopping at the first one
 * after it. Every segment read is checked against its recorded SHA-256 to its end, also when the point lies
 * inside it, before the restore may commit.
 */
final class ChangeReplay implements SnapshotRestorer.Replay {
    private static final int RUN = 10_000;

    private final ChangeLog log;
    private final List<ChangeSegmentEntry> segments;
    private final AgeDecryptor decryptor;
    private final Instant until;
    private final Position upTo;
    private long transactions;
    private long changes;
    private Instant reached;

    /**
     * @param until stop after the last transaction committed at or before it; null when {@code upTo} is given
     * @param upTo  stop after the transaction at this position; null when {@code until} is given
     */
    ChangeReplay(ChangeLog log, List<ChangeSegmentEntry> segments, AgeDecryptor decryptor, Instant until, Position upTo) {
        this.log = log;
        this.segments = List.copyOf(segments);
        this.decryptor = decryptor;
        this.until = until;
        this.upTo = upTo;
    }

    @Override
    public void check(RestoreSession session) {
        if (session.changeApplier().isEmpty()) {
            throw new TidemarkException(ErrorKind.USAGE, "the target " + session.backendVersion()
                    + " cannot apply changes, so it cannot be restored to a point in time",
                    "restore into PostgreSQL, MySQL/MariaDB or SQLite; or restore the base snapshot alone");
        }
    }

    @Override
    public void apply(RestoreSession session, JobProgress progress) throws Exception {
        ChangeApplier applier = session.changeApplier().orElseThrow();
        boolean reachedPoint = false;
        for (ChangeSegmentEntry segment : segments) {
            if (reachedPoint) {
                break;
            }
            reachedPoint = applySegment(segment, applier, progress);
        }
        applier.done();
    }

    /** Applies what lies before the point; true once the point is reached. */
    private boolean applySegment(ChangeSegmentEntry segment, ChangeApplier applier, JobProgress progress) throws Exception {
        String what = segment.source() + " " + segment.base() + " #" + segment.sequence();
        boolean reachedPoint = false;
        try (InputStream stored = log.open(segment)) {
            DigestInputStream digest = new DigestInputStream(stored, sha256());
            InputStream plain = segment.encrypted()
                    ? decryptor(segment).decrypt(digest, "change segment " + what, segment.recipients()) : digest;
            try (ChangeSegmentReader reader = new ChangeSegmentReader(plain, what, RUN)) {
                boolean applying = true;
                for (ChangeSegmentReader.Run run = reader.next(); run != null; run = reader.next()) {
                    if (applying && beyond(segment, run)) {
                        applying = false;
                        reachedPoint = true;
                    }
                    if (applying) {
                        applier.apply(run.changes());
                        changes += run.changes().size();
                        progress.addRows(run.changes().size());
                        if (run.commits()) {
                            transactions++;
                            reached = run.commitTime();
                            if (upTo != null && position(segment, run).compareTo(upTo) >= 0) {
                                applying = false;
                                reachedPoint = true;
                            }
                        }
                    }
                }
                // read to the end in any case: a segment is trusted only whole
                plain.transferTo(OutputStream.nullOutputStream());
                digest.transferTo(OutputStream.nullOutputStream());
            }
            String actual = HexFormat.of().formatHex(digest.getMessageDigest().digest());
            if (!actual.equalsIgnoreCase(segment.sha256())) {
                throw new TidemarkException(ErrorKind.ARCHIVE_INVALID, "change segment " + what
                        + " is damaged: its stored bytes do not match the recorded SHA-256",
                        "the change log was changed after it was written; restore to a point before " + segment.firstCommit());
            }
        }
        return reachedPoint;
    }

    private boolean beyond(ChangeSegmentEntry segment, ChangeSegmentReader.Run run) {
        if (until != null) {
            return run.commitTime().isAfter(until);
        }
        return position(segment, run).compareTo(upTo) > 0;
    }

    private static Position position(ChangeSegmentEntry segment, ChangeSegmentReader.Run run) {
        return Positions.read(segment.positionKind(), run.position(), Map.of());
    }

    private AgeDecryptor decryptor(ChangeSegmentEntry segment) {
        AgeDecryptor.requireKey(decryptor, "change segment " + segment.segment(), segment.recipients());
        return decryptor;
    }

    long transactions() {
        return transactions;
    }

    long changes() {
        return changes;
    }

    /** The commit time of the last transaction applied, or null when none was. */
    Instant reached() {
        return reached;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package dev.tidemark.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * How far the change log of one base reaches ({@code changes/<source>/<base>/progress.json}, replaced as the
 * capture goes on): every transaction committed up to {@code caughtUpTo} is in a stored segment, observed at
 * {@code caughtUpAt}, so a point in time up to then can be restored even when no segment was written since.
 *
 * @param source       the snapshot source
 * @param base         the id of the base snapshot
 * @param segments     how many segments are stored after the base
 * @param positionKind the kind of {@code caughtUpTo}
 * @param caughtUpTo   the position up to which the log is complete
 * @param caughtUpAt   when the source had reached that position, as the capture last saw it
 * @param gap          why the log of this base ends before the next base, when it does (a lost replication slot, a
 *                     purged binary log), or null
 */
public record CaptureProgress(String source, String base, long segments, String positionKind, String caughtUpTo,
                              Instant caughtUpAt, String gap) {
    public CaptureProgress {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(positionKind, "positionKind");
        Objects.requireNonNull(caughtUpTo, "caughtUpTo");
        Objects.requireNonNull(caughtUpAt, "caughtUpAt");
    }
}

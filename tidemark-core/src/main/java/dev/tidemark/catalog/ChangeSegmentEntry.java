package dev.tidemark.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The index entry of one stored change segment ({@code changes/<source>/<base>/<sequence>.json}), written after
 * the segment itself: a segment is part of the change log only once it has one. Positions are in their stored
 * text form, of {@code positionKind}.
 *
 * @param source        the snapshot source whose changes these are, e.g. {@code main}
 * @param base          the id of the base snapshot the changes continue
 * @param sequence      the segment's number after that base, from 1, without gaps
 * @param segment       the segment's object name
 * @param positionKind  the kind of the positions, e.g. {@code postgresql-lsn}
 * @param first         the first transaction's position
 * @param last          the last transaction's position
 * @param firstCommit   when the first transaction committed
 * @param lastCommit    when the last transaction committed
 * @param transactions  how many transactions the segment holds
 * @param changes       how many row changes the segment holds
 * @param size          the stored object's size in bytes
 * @param sha256        the stored object's SHA-256, lower-case hex
 * @param encrypted     whether the segment is age-encrypted
 * @param recipients    the age public keys it is encrypted to; empty when plain
 */
public record ChangeSegmentEntry(String source, String base, long sequence, String segment, String positionKind,
                                 String first, String last, Instant firstCommit, Instant lastCommit, long transactions,
                                 long changes, long size, String sha256, boolean encrypted, List<String> recipients) {
    public ChangeSegmentEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(positionKind, "positionKind");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(firstCommit, "firstCommit");
        Objects.requireNonNull(lastCommit, "lastCommit");
        Objects.requireNonNull(sha256, "sha256");
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        if (sequence < 1) {
            throw new IllegalArgumentException("segment sequence numbers start at 1: " + sequence);
        }
    }
}

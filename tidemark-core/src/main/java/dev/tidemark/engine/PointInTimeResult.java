package dev.tidemark.engine;

import java.time.Instant;

/**
 * What a restore to a point in time did.
 *
 * @param restore      the restore of the base snapshot
 * @param transactions the committed transactions applied after the base
 * @param changes      the row changes they held
 * @param reached      the commit time of the last transaction applied (the base's time when none was)
 */
public record PointInTimeResult(RestoreResult restore, long transactions, long changes, Instant reached) {
}

package dev.tidemark.engine;

import java.time.Instant;

/**
 * What a change capture is doing, for status pages and metrics.
 *
 * @param source       the snapshot source
 * @param state        {@code starting}, {@code base} (taking a base snapshot), {@code capturing}, {@code failed}
 *                     (it retries by itself) or {@code stopped}
 * @param base         the id of the base snapshot the log continues, or null before the first
 * @param caughtUpAt   up to when every committed change is stored, or null before the first segment
 * @param segments     segments stored after the base
 * @param error        the last failure's one-line message, or null
 * @param since        when the state began
 */
public record CaptureStatus(String source, String state, String base, Instant caughtUpAt, long segments, String error,
                            Instant since) {

    /** How far the stored log lags behind {@code now}: the recovery point's age; null before the first segment. */
    public java.time.Duration lag(Instant now) {
        return caughtUpAt == null ? null : java.time.Duration.between(caughtUpAt, now).isNegative()
                ? java.time.Duration.ZERO : java.time.Duration.between(caughtUpAt, now);
    }
}

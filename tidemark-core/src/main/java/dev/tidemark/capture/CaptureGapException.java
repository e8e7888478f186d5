package dev.tidemark.capture;

import dev.tidemark.source.Position;

/**
 * The source no longer holds the changes after {@link #lastAvailable()} (a dropped or lost replication slot, a
 * purged binlog): the window has a gap from there until a new base snapshot.
 */
public final class CaptureGapException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Position lastAvailable;

    public CaptureGapException(String what, Position lastAvailable) {
        super(what);
        this.lastAvailable = lastAvailable;
    }

    /** The last position whose changes are stored, where the gap begins. */
    public Position lastAvailable() {
        return lastAvailable;
    }
}

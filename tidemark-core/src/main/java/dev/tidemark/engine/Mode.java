package dev.tidemark.engine;

/** What the application-facing side of the main database may do right now. */
public enum Mode {
    /** Reads and writes are allowed. */
    NORMAL,
    /** A snapshot of the main database is running: writes wait until it ends. */
    READ_ONLY,
    /** A restore into the main database is running: access is refused until it ends. */
    MAINTENANCE;

    /** The lower-case name used in JSON and on screen: {@code normal}, {@code read-only}, {@code maintenance}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

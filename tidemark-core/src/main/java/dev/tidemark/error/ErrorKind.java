package dev.tidemark.error;

/**
 * What went wrong, in the terms a caller acts on. Each kind maps to one documented process exit
 * code (docs/CLI.md); the numbers are part of the public interface and never change meaning.
 */
public enum ErrorKind {
    /** A bug or an unexpected condition. */
    INTERNAL(1),
    /** Wrong command-line usage (unknown option, missing argument). */
    USAGE(2),
    /** A configuration variable or flag has an invalid value. */
    CONFIG(3),
    /** The named snapshot or object does not exist. */
    NOT_FOUND(4),
    /** The archive is corrupt, truncated, tampered with or of an unknown format version. */
    ARCHIVE_INVALID(5),
    /** The database could not be reached or refused the connection/credentials. */
    DATABASE_UNAVAILABLE(6),
    /** The restore target already holds tables of the same names (use --replace). */
    TARGET_CONFLICT(7),
    /** The snapshot storage could not be reached or refused an operation. */
    STORAGE(8),
    /** Snapshots are disabled by SNAPSHOTS_ENABLED=0. */
    DISABLED(9),
    /** The user declined a confirmation, or confirmation was needed and not given (--yes). */
    NOT_CONFIRMED(10),
    /** The database rejected the data or a statement during snapshot or restore. */
    DATABASE_ERROR(11),
    /** Another snapshot or restore is already running for the same source. */
    BUSY(12),
    /** The operation was interrupted (signal, cancellation). */
    INTERRUPTED(13),
    /** A key is missing or wrong for an encrypted snapshot. */
    KEY(14);

    private final int exitCode;

    ErrorKind(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

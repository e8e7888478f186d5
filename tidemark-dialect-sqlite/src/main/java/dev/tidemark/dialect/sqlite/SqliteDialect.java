package dev.tidemark.dialect.sqlite;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** The SQLite backend, bound to one database file. */
public final class SqliteDialect implements Dialect {
    /** How long sessions wait for another connection's lock by default. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);

    private final Path file;
    private final Duration lockWait;

    public SqliteDialect(Path file) {
        this(file, DEFAULT_LOCK_WAIT);
    }

    /**
     * @param lockWait how long opening a session waits while another connection holds the write lock
     *                 (or, for restores, any lock); after that it fails with DATABASE_UNAVAILABLE
     */
    public SqliteDialect(Path file, Duration lockWait) {
        this.file = Objects.requireNonNull(file, "file");
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    public String backend() {
        return "sqlite";
    }

    @Override
    public String describe() {
        return "sqlite:" + file;
    }

    /**
     * {@link SnapshotMode#READ_ONLY} holds SQLite's write reservation ({@code BEGIN IMMEDIATE}) for the
     * session; {@link SnapshotMode#ONLINE} uses a plain read transaction, which lets writers continue only
     * when the database is in WAL mode.
     */
    @Override
    public SnapshotSession openSnapshot(SnapshotMode mode) {
        return openSnapshot(mode, 1);
    }

    /**
     * In {@link SnapshotMode#READ_ONLY}, {@code parallelism} connections read the locked state at once (the
     * one holding the write reservation and {@code parallelism − 1} readers); {@link SnapshotMode#ONLINE}
     * reads on one connection, since only the write lock keeps further connections at the same state.
     */
    @Override
    public SnapshotSession openSnapshot(SnapshotMode mode, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        return SqliteSnapshotSession.open(file, mode, parallelism, lockWait);
    }

    @Override
    public RestoreSession openRestore() {
        return SqliteRestoreSession.open(file, lockWait);
    }
}

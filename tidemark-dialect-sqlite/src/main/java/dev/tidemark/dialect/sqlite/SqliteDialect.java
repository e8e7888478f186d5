package dev.tidemark.dialect.sqlite;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import dev.tidemark.source.Connectors;

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
     * {@link SnapshotMode#READ_ONLY} holds SQLite's write reservation ({@code BEGIN IMMEDIATE}) for the session,
     * and {@code parallelism} connections read the locked state at once (the one holding the reservation and
     * {@code parallelism − 1} readers). {@link SnapshotMode#ONLINE} uses one plain read transaction, which lets
     * writers continue only when the database is in WAL mode: without the write lock no further connection could
     * be held at the same state.
     */
    @Override
    public SnapshotSession openSnapshot(SnapshotMode mode, int parallelism) {
        return SqliteSnapshotSession.open(file, mode, Connectors.requireParallelism(parallelism), lockWait);
    }

    /** One connection and one transaction, whatever {@code parallelism}: SQLite has one writer. */
    @Override
    public RestoreSession openRestore(int parallelism) {
        Connectors.requireParallelism(parallelism);
        return SqliteRestoreSession.open(file, lockWait);
    }
}

package dev.tidemark.dialect.sqlite;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.dialect.RestoreSession;
import dev.tidemark.dialect.SnapshotMode;
import dev.tidemark.dialect.SnapshotSession;
import java.nio.file.Path;
import java.util.Objects;

/** The SQLite backend, bound to one database file. */
public final class SqliteDialect implements Dialect {
    private final Path file;

    public SqliteDialect(Path file) {
        this.file = Objects.requireNonNull(file, "file");
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
        return SqliteSnapshotSession.open(file, mode);
    }

    @Override
    public RestoreSession openRestore() {
        return SqliteRestoreSession.open(file);
    }
}

package dev.tidemark.dialect;

import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.source.SnapshotMode;

/**
 * One database backend. A dialect is bound to one database (one connection string) and opens
 * sessions on it. Implementations live in one package per backend ({@code dev.tidemark.dialect.sqlite},
 * ...) and must pass the dialect contract tests.
 */
public interface Dialect {

    /** Backend name as written to manifests: {@code sqlite}, {@code postgresql}, {@code mysql}, {@code mariadb}. */
    String backend();

    /** The database's connection string with secrets removed, for messages. */
    String describe();

    /**
     * Opens a consistent snapshot session (see {@link SnapshotSession}).
     *
     * @throws dev.tidemark.error.TidemarkException DATABASE_UNAVAILABLE when the database cannot be reached
     */
    SnapshotSession openSnapshot(SnapshotMode mode);

    /**
     * Opens a snapshot session that allows up to {@code parallelism} concurrent exports where the backend can
     * read one consistent point from several connections; others ignore {@code parallelism}.
     */
    default SnapshotSession openSnapshot(SnapshotMode mode, int parallelism) {
        return openSnapshot(mode);
    }

    /**
     * Opens an all-or-nothing restore session into this database (see {@link RestoreSession}).
     *
     * @throws dev.tidemark.error.TidemarkException DATABASE_UNAVAILABLE when the database cannot be reached
     */
    RestoreSession openRestore();

    /**
     * Opens a restore session that may load up to {@code parallelism} parts at once (see
     * {@link RestoreSession#parallelism()}) where the backend can do so without giving up all-or-nothing;
     * others ignore {@code parallelism}.
     */
    default RestoreSession openRestore(int parallelism) {
        return openRestore();
    }
}

package dev.tidemark.source;


/**
 * One database or store, bound to one connection string, that opens snapshot and restore sessions on it.
 * Implementations come from the backend modules through {@link ConnectorFactory}; every one passes its family's
 * contract test suite (for SQL databases the dialect contract tests).
 */
public interface Connector {

    /** Backend name as written to manifests: {@code sqlite}, {@code postgresql}, {@code mysql}, {@code mariadb}, … */
    String backend();

    /** The connection string with secrets removed, for messages. */
    String describe();

    /**
     * Opens a consistent snapshot session (see {@link SnapshotSession}) that may run up to {@code parallelism}
     * exports at once where the backend can read one consistent point from several connections; it never opens
     * more connections than that allows, and with 1 it reads on one connection only (plus, where the backend
     * needs one, the connection that holds the lock keeping writers out).
     *
     * @throws IllegalArgumentException when {@code parallelism} is below 1
     * @throws dev.tidemark.error.TidemarkException DATABASE_UNAVAILABLE when the source cannot be reached
     */
    SnapshotSession openSnapshot(SnapshotMode mode, int parallelism);

    /**
     * Opens an all-or-nothing restore session (see {@link RestoreSession}) that may load up to {@code parallelism}
     * parts at once where the backend can do so without giving up all-or-nothing.
     *
     * @throws IllegalArgumentException when {@code parallelism} is below 1
     * @throws dev.tidemark.error.TidemarkException DATABASE_UNAVAILABLE when the target cannot be reached
     */
    RestoreSession openRestore(int parallelism);
}

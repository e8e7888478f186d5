package dev.tidemark.source;

/** How a snapshot keeps its point consistent. */
public enum SnapshotMode {
    /** Writes by other clients wait until the snapshot ends (the default). */
    READ_ONLY,
    /** Relies on the backend's MVCC alone; writers never wait (where the backend supports it). */
    ONLINE
}

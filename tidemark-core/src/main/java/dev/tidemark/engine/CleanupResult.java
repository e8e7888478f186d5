package dev.tidemark.engine;

/**
 * What {@link Tidemark#removeLeftovers()} removed of what interrupted snapshots left behind.
 *
 * @param inStorage  unfinished uploads, unlisted archives and orphaned index entries in the snapshot storage
 * @param inDataDir  work folders of processes that are gone (staged parts, native library copies) in
 *                   {@code DATA_DIR/tmp}
 */
public record CleanupResult(int inStorage, int inDataDir) {
    /** Everything removed. */
    public int total() {
        return inStorage + inDataDir;
    }
}

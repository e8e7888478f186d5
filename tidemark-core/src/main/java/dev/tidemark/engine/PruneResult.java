package dev.tidemark.engine;

import dev.tidemark.catalog.SnapshotEntry;
import java.util.List;

/**
 * What pruning did, or would do with {@code dryRun}.
 *
 * @param dryRun  true when nothing was deleted
 * @param deleted the snapshots deleted (or that would be), newest first
 * @param kept    how many snapshots remain
 */
public record PruneResult(boolean dryRun, List<SnapshotEntry> deleted, int kept) {
    public PruneResult {
        deleted = List.copyOf(deleted);
    }
}

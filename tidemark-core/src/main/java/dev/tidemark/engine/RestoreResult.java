package dev.tidemark.engine;

import java.util.List;

/**
 * What a restore or migration did.
 *
 * @param snapshotId the snapshot restored, or null for a migration
 * @param target     the target database, redacted
 * @param tables     number of tables restored
 * @param rows       number of rows loaded
 * @param warnings   lossy mappings and skipped objects, each naming the object
 */
public record RestoreResult(String snapshotId, String target, int tables, long rows, List<String> warnings) {
    public RestoreResult {
        warnings = List.copyOf(warnings);
    }
}

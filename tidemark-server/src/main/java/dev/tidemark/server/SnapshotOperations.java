package dev.tidemark.server;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.engine.CleanupResult;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.OperationMonitor;
import dev.tidemark.engine.RestoreResult;
import dev.tidemark.engine.Tidemark;
import dev.tidemark.engine.VerifyResult;
import java.io.InputStream;
import java.util.List;

/**
 * What the server asks of the engine. {@link #of(Tidemark)} is the production implementation; the
 * methods have the contracts of the {@link Tidemark} methods of the same names.
 */
public interface SnapshotOperations {
    TidemarkConfig config();

    OperationMonitor monitor();

    String storageDescription();

    List<SnapshotEntry> list();

    SnapshotEntry show(String id);

    SnapshotEntry createSnapshot(String source, JobProgress progress);

    RestoreResult restore(String id, String target, boolean replace, JobProgress progress);

    VerifyResult verify(String id, JobProgress progress);

    InputStream openStored(String id);

    void delete(String id);

    CleanupResult removeLeftovers();

    /** The operations of {@code tidemark}, unchanged. */
    static SnapshotOperations of(Tidemark tidemark) {
        return new SnapshotOperations() {
            @Override
            public TidemarkConfig config() {
                return tidemark.config();
            }

            @Override
            public OperationMonitor monitor() {
                return tidemark.monitor();
            }

            @Override
            public String storageDescription() {
                return tidemark.storageDescription();
            }

            @Override
            public List<SnapshotEntry> list() {
                return tidemark.list();
            }

            @Override
            public SnapshotEntry show(String id) {
                return tidemark.show(id);
            }

            @Override
            public SnapshotEntry createSnapshot(String source, JobProgress progress) {
                return tidemark.createSnapshot(source, progress);
            }

            @Override
            public RestoreResult restore(String id, String target, boolean replace, JobProgress progress) {
                return tidemark.restore(id, target, replace, progress);
            }

            @Override
            public VerifyResult verify(String id, JobProgress progress) {
                return tidemark.verify(id, progress);
            }

            @Override
            public InputStream openStored(String id) {
                return tidemark.openStored(id);
            }

            @Override
            public void delete(String id) {
                tidemark.delete(id);
            }

            @Override
            public CleanupResult removeLeftovers() {
                return tidemark.removeLeftovers();
            }
        };
    }
}

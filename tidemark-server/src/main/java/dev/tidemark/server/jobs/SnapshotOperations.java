package dev.tidemark.server.jobs;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.engine.CleanupResult;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.OperationMonitor;
import dev.tidemark.engine.RestoreResult;
import dev.tidemark.engine.Tidemark;
import dev.tidemark.engine.VerifyResult;
import dev.tidemark.source.SnapshotSource;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * What the server asks of the engine: the methods of {@link Tidemark} of the same names, with their contracts.
 * Each one goes to {@link #engine()} unless an implementation overrides it (as tests do, to hold a job open).
 */
@FunctionalInterface
public interface SnapshotOperations {

    /** The engine every method that is not overridden goes to. */
    Tidemark engine();

    default TidemarkConfig config() {
        return engine().config();
    }

    default OperationMonitor monitor() {
        return engine().monitor();
    }

    default String storageDescription() {
        return engine().storageDescription();
    }

    default List<SnapshotEntry> list() {
        return engine().list();
    }

    default SnapshotEntry show(String id) {
        return engine().show(id);
    }

    default SnapshotEntry createSnapshot(String source, JobProgress progress) {
        return engine().createSnapshot(source, progress);
    }

    default Optional<String> unavailableReason(SnapshotSource source) {
        return engine().unavailableReason(source);
    }

    default boolean intoMain(String target) {
        return engine().intoMain(target);
    }

    default void requireEnabled() {
        engine().requireEnabled();
    }

    default RestoreResult restore(String id, String target, boolean replace, JobProgress progress) {
        return engine().restore(id, target, replace, progress);
    }

    default VerifyResult verify(String id, JobProgress progress) {
        return engine().verify(id, progress);
    }

    default InputStream openStored(String id) {
        return engine().openStored(id);
    }

    default void delete(String id) {
        engine().delete(id);
    }

    default CleanupResult removeLeftovers() {
        return engine().removeLeftovers();
    }

    /** The operations of {@code tidemark}, unchanged. */
    static SnapshotOperations of(Tidemark tidemark) {
        return () -> tidemark;
    }
}

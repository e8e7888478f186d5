package dev.tidemark.storage.local;

import dev.tidemark.env.Environment;
import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.StorageProviderFactory;
import dev.tidemark.storage.StorageSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** The {@code local} provider: a folder, {@code SNAPSHOTS_STORAGE_LOCAL_DIR} (default {@code DATA_DIR/snapshots}). */
public final class LocalStorageFactory implements StorageProviderFactory {
    static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LocalStorageSettings parse(Environment environment, Path dataDir) {
        return new LocalStorageSettings(environment.storage("LOCAL_DIR").map(setting -> {
            try {
                return Path.of(setting.stripped());
            } catch (InvalidPathException e) {
                throw setting.invalid("not a valid path", "use a folder path");
            }
        }).orElse(dataDir.resolve("snapshots")));
    }

    @Override
    public SnapshotStorage open(StorageSettings settings) {
        return new LocalStorage(((LocalStorageSettings) settings).folder());
    }
}

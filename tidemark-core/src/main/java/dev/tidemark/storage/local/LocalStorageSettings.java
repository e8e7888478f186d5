package dev.tidemark.storage.local;

import dev.tidemark.storage.StorageSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the {@code local} provider keeps snapshots.
 *
 * @param folder the folder ({@code SNAPSHOTS_STORAGE_LOCAL_DIR}, by default {@code snapshots} under {@code DATA_DIR})
 */
public record LocalStorageSettings(Path folder) implements StorageSettings {
    public LocalStorageSettings {
        Objects.requireNonNull(folder, "folder");
    }

    @Override
    public String provider() {
        return LocalStorageFactory.NAME;
    }
}

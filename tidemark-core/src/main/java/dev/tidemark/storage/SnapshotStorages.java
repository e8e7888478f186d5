package dev.tidemark.storage;

import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.storage.local.LocalStorage;

/** Opens the snapshot storage a configuration names. */
public final class SnapshotStorages {
    private SnapshotStorages() {
    }

    /**
     * The configured provider, ready to use.
     *
     * @throws TidemarkException of kind STORAGE when the storage cannot be prepared (e.g. the local
     *         folder cannot be created), of kind CONFIG when the provider is not part of this build
     */
    public static SnapshotStorage open(TidemarkConfig config) {
        return switch (config.storageProvider()) {
            case "local" -> new LocalStorage(config.localStorageDir());
            default -> throw new TidemarkException(ErrorKind.CONFIG,
                    "SNAPSHOTS_STORAGE_PROVIDER=" + config.storageProvider() + ": provider " + config.storageProvider()
                            + " is not available in this build",
                    "use local, or a Tidemark build that includes the " + config.storageProvider() + " provider");
        };
    }
}

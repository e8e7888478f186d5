package dev.tidemark.storage;

import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.storage.local.LocalStorage;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** Opens the snapshot storage a configuration names. */
public final class SnapshotStorages {
    private static final String LOCAL = "local";

    private SnapshotStorages() {
    }

    /**
     * The configured provider, ready to use.
     *
     * @throws TidemarkException of kind STORAGE when the storage cannot be prepared (e.g. the local
     *         folder cannot be created, the bucket cannot be reached), of kind CONFIG when the provider
     *         is not part of this build
     */
    public static SnapshotStorage open(TidemarkConfig config) {
        String provider = config.storageProvider();
        if (provider.equals(LOCAL)) {
            return new LocalStorage(config.localStorageDir());
        }
        return factory(provider).map(factory -> factory.open(config)).orElseThrow(() -> new TidemarkException(
                ErrorKind.CONFIG,
                "SNAPSHOTS_STORAGE_PROVIDER=" + provider + ": provider " + provider + " is not available in this build",
                "use local, or a Tidemark build that includes the " + provider + " provider"));
    }

    /** Names of the providers this build includes: {@code local} and every registered factory's. */
    public static Set<String> availableProviders() {
        Set<String> names = new TreeSet<>();
        names.add(LOCAL);
        for (StorageProviderFactory factory : factories()) {
            names.add(factory.name());
        }
        return names;
    }

    private static Optional<StorageProviderFactory> factory(String name) {
        for (StorageProviderFactory factory : factories()) {
            if (factory.name().equals(name)) {
                return Optional.of(factory);
            }
        }
        return Optional.empty();
    }

    private static ServiceLoader<StorageProviderFactory> factories() {
        return ServiceLoader.load(StorageProviderFactory.class, SnapshotStorages.class.getClassLoader());
    }
}

package dev.tidemark.storage;

import dev.tidemark.env.Environment;
import dev.tidemark.env.Setting;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** Finds the installed storage providers: parses the configured one's settings and opens storages from them. */
public final class SnapshotStorages {
    /** The provider used when {@code SNAPSHOTS_STORAGE_PROVIDER} is unset. */
    public static final String DEFAULT_PROVIDER = "local";

    private SnapshotStorages() {
    }

    /**
     * The settings of the provider {@code SNAPSHOTS_STORAGE_PROVIDER} (else {@code STORAGE_PROVIDER}, else
     * {@value #DEFAULT_PROVIDER}) names, parsed by that provider.
     *
     * @throws TidemarkException CONFIG when no installed provider has that name (the message lists those that
     *         are) or its settings are wrong
     */
    public static StorageSettings parse(Environment environment, Path dataDir) {
        Optional<Setting> chosen = environment.storage("PROVIDER");
        String name = chosen.map(s -> s.stripped().toLowerCase(Locale.ROOT)).orElse(DEFAULT_PROVIDER);
        StorageProviderFactory factory = factory(name).orElseThrow(() -> Environment.error(
                chosen.map(Setting::variable).orElse("SNAPSHOTS_STORAGE_PROVIDER"),
                "unknown provider '" + Setting.printable(name) + "'",
                "use one of the providers this build includes: " + String.join(", ", availableProviders())));
        return factory.parse(environment, dataDir);
    }

    /**
     * The storage {@code settings} describe, ready to use.
     *
     * @throws TidemarkException of kind STORAGE when the storage cannot be prepared (e.g. the local folder cannot
     *         be created, the bucket cannot be reached), of kind CONFIG when its provider is not part of this build
     */
    public static SnapshotStorage open(StorageSettings settings) {
        return factory(settings.provider()).map(factory -> factory.open(settings)).orElseThrow(() -> new TidemarkException(
                ErrorKind.CONFIG, "provider " + settings.provider() + " is not available in this build",
                "use one of: " + String.join(", ", availableProviders())));
    }

    /** Names of the providers this build includes. */
    public static Set<String> availableProviders() {
        Set<String> names = new TreeSet<>();
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

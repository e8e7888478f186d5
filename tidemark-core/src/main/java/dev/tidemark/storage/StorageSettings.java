package dev.tidemark.storage;

/**
 * The settings of one snapshot storage, parsed and validated by its provider's
 * {@link StorageProviderFactory#parse}. {@link #toString()} never shows a secret (credentials, connection strings),
 * so a configuration holding it is safe to log.
 */
public interface StorageSettings {

    /** The provider's name, as in {@code SNAPSHOTS_STORAGE_PROVIDER}, e.g. {@code s3}. */
    String provider();
}

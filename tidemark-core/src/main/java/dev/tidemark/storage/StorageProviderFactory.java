package dev.tidemark.storage;

import dev.tidemark.config.TidemarkConfig;

/**
 * Opens snapshot storages of one provider that lives in its own module (S3, Azure Blob). Registered
 * with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/dev.tidemark.storage.StorageProviderFactory}, so the core finds every
 * provider on the class path without depending on it.
 */
public interface StorageProviderFactory {

    /** The provider's name as written in {@code SNAPSHOTS_STORAGE_PROVIDER}, lower case, e.g. {@code s3}. */
    String name();

    /**
     * The storage the configuration describes, checked to be reachable.
     *
     * @throws dev.tidemark.error.TidemarkException of kind STORAGE when it cannot be reached or refuses
     *         the credentials, of kind CONFIG when the configuration lacks this provider's settings
     */
    SnapshotStorage open(TidemarkConfig config);
}

package dev.tidemark.storage;

import dev.tidemark.env.Environment;
import java.nio.file.Path;

/**
 * One snapshot storage provider (the local folder, S3, Azure Blob, …). Registered with
 * {@link java.util.ServiceLoader} under {@code META-INF/services/dev.tidemark.storage.StorageProviderFactory} by
 * the module that holds it, so the core lists no provider by name: each provider names itself, reads and
 * checks its own variables, keeps its own secrets out of messages, and opens storages from its own settings.
 */
public interface StorageProviderFactory {

    /** The provider's name as written in {@code SNAPSHOTS_STORAGE_PROVIDER}, lower case, e.g. {@code s3}. */
    String name();

    /**
     * Reads this provider's variables ({@link Environment#storage} applies the {@code SNAPSHOTS_} fallback and
     * {@code _FILE}) and checks them.
     *
     * @param dataDir Tidemark's own folder ({@code DATA_DIR}), for defaults under it
     * @throws dev.tidemark.error.TidemarkException CONFIG naming the variable and what is wrong with it, never its
     *         value when that may hold a secret
     */
    StorageSettings parse(Environment environment, Path dataDir);

    /**
     * The storage {@code settings} (as {@link #parse} returned them) describe, checked to be reachable.
     *
     * @throws dev.tidemark.error.TidemarkException STORAGE when it cannot be reached or refuses the credentials
     */
    SnapshotStorage open(StorageSettings settings);
}

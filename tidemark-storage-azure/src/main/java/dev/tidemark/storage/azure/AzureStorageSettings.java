package dev.tidemark.storage.azure;

import java.util.Objects;
import dev.tidemark.env.Secret;
import dev.tidemark.storage.StorageSettings;

/**
 * Where the Azure Blob provider keeps snapshots (docs/STORAGE.md). {@link #toString()} shows no
 * credential.
 *
 * @param container        the blob container
 * @param connectionString the storage account's connection string (account key or SAS form); secret
 * @param prefix           prepended to every object name: empty, or ending in {@code /}
 */
public record AzureStorageSettings(String container, Secret connectionString, String prefix) implements StorageSettings {

    public AzureStorageSettings {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(connectionString, "connectionString");
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a non-empty prefix ends with '/'");
        }
    }

    @Override
    public String provider() {
        return "azure";
    }

    @Override
    public String toString() {
        return "AzureStorageSettings[container=" + container + ", prefix=" + prefix + ", connectionString=***]";
    }
}

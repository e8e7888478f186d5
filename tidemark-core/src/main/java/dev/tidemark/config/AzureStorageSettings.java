package dev.tidemark.config;

import java.util.Objects;

/**
 * Where the Azure Blob provider keeps snapshots (docs/STORAGE.md). {@link #toString()} shows no
 * credential.
 *
 * @param container        the blob container
 * @param connectionString the storage account's connection string (account key or SAS form); secret
 * @param prefix           prepended to every object name: empty, or ending in {@code /}
 */
public record AzureStorageSettings(String container, Secret connectionString, String prefix) {

    public AzureStorageSettings {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(connectionString, "connectionString");
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a non-empty prefix ends with '/'");
        }
    }

    @Override
    public String toString() {
        return "AzureStorageSettings[container=" + container + ", prefix=" + prefix + ", connectionString=***]";
    }
}

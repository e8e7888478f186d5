package dev.tidemark.storage.azure;

import dev.tidemark.catalog.SnapshotCatalogContract;
import dev.tidemark.storage.SnapshotStorage;

/** The catalog's contract on Azure Blob, against Azurite. */
class AzureSnapshotCatalogTest extends SnapshotCatalogContract {
    @Override
    protected SnapshotStorage newStorage() {
        return AzureStorageFactory.open(Azurite.settings(Azurite.port(), Azurite.newContainerName(), "tidemark/"),
                Azurite.quickRetry(3), AzureStorage.DEFAULT_BLOCK_SIZES);
    }
}

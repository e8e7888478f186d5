package dev.tidemark.storage.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.tidemark.storage.azure.AzureStorageSettings;
import dev.tidemark.env.Environment;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.storage.PartSizes;
import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.StorageProviderFactory;
import dev.tidemark.storage.StorageSettings;
import dev.tidemark.storage.TransientRetry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** The {@code azure} provider: builds the container client from {@link AzureStorageSettings} and checks it. */
public final class AzureStorageFactory implements StorageProviderFactory {

    @Override
    public String name() {
        return "azure";
    }

    @Override
    public AzureStorageSettings parse(Environment environment, Path dataDir) {
        return new AzureSettingsParser(environment).parse();
    }

    @Override
    public SnapshotStorage open(StorageSettings storageSettings) {
        AzureStorageSettings settings = (AzureStorageSettings) storageSettings;
        return open(settings, TransientRetry.standard(new AzureFailures()), AzureStorage.DEFAULT_BLOCK_SIZES);
    }

    /**
     * A storage on the settings' container, created if missing and allowed, checked to be reachable with a
     * short retry so that a wrong endpoint fails fast.
     *
     * @throws TidemarkException of kind STORAGE naming the container and the cause
     */
    static AzureStorage open(AzureStorageSettings settings, TransientRetry retry, PartSizes blockSizes) {
        BlobContainerClient container;
        try {
            container = client(settings);
        } catch (IllegalArgumentException e) {
            // the SDK's message may quote the connection string, so it is not passed on
            throw new TidemarkException(ErrorKind.CONFIG, "SNAPSHOTS_STORAGE_AZURE_CONNECTION_STRING: not accepted by the "
                    + "Azure SDK", "copy it unchanged from the storage account's access keys or SAS page");
        }
        AzureStorage storage = new AzureStorage(container, settings, retry, blockSizes);
        try {
            storage.prepare(new TransientRetry(3, Duration.ofMillis(200), Duration.ofSeconds(2), new AzureFailures()));
            return storage;
        } catch (IOException e) {
            throw new TidemarkException(ErrorKind.STORAGE, e.getMessage(),
                    "check SNAPSHOTS_STORAGE_AZURE_CONTAINER and the connection string; see docs/STORAGE.md");
        }
    }

    /** The client production uses; the SDK's own retries are off because TransientRetry retries and logs. */
    static BlobContainerClient client(AzureStorageSettings settings) {
        return new BlobServiceClientBuilder()
                .connectionString(settings.connectionString().reveal())
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 1, 300, null, null, null))
                .buildClient()
                .getBlobContainerClient(settings.container());
    }
}

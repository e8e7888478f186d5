package dev.tidemark.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.StorageContractTest;
import dev.tidemark.storage.Upload;
import org.junit.jupiter.api.Test;

/** The storage contract on Azure Blob, through the same SDK client production uses, against Azurite. */
class AzureStorageContractTest extends StorageContractTest {
    private String container;

    @Override
    protected SnapshotStorage newStorage() {
        container = Azurite.newContainerName();
        return AzureStorageFactory.open(Azurite.settings(Azurite.port(), container, "tidemark/"),
                Azurite.quickRetry(3), AzureStorage.DEFAULT_BLOCK_SIZES);
    }

    @Test
    void theContainerIsCreatedAndObjectsLiveUnderThePrefix() throws Exception {
        put("index/a.json", "{}");
        BlobContainerClient client = AzureStorageFactory.client(Azurite.settings(Azurite.port(), container, ""));
        assertThat(client.exists()).isTrue();
        client.getBlobClient("elsewhere").upload(BinaryData.fromString("x"));

        assertThat(client.listBlobs().stream().map(b -> b.getName())).containsExactly("elsewhere", "tidemark/index/a.json");
        assertThat(names("")).containsExactly("index/a.json");
    }

    @Test
    void stagedBlocksOfAnUnfinishedUploadAreNotABlob() throws Exception {
        Upload upload = storage.create("snapshots/partial.tar.zst");
        upload.stream().write(new byte[9 << 20]); // one 8 MiB block staged
        BlobContainerClient client = AzureStorageFactory.client(Azurite.settings(Azurite.port(), container, ""));
        var withUncommitted = new ListBlobsOptions().setDetails(new BlobListDetails().setRetrieveUncommittedBlobs(true));

        assertThat(client.listBlobs(withUncommitted, null).stream().map(b -> b.getName()))
                .containsExactly("tidemark/snapshots/partial.tar.zst");
        assertThat(storage.list("")).isEmpty();
        assertThat(storage.stat("snapshots/partial.tar.zst")).isEmpty();
        upload.abort();
    }
}

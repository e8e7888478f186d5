package dev.tidemark.storage.azure;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import dev.tidemark.storage.azure.AzureStorageSettings;
import dev.tidemark.env.Secret;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.SnapshotStorages;
import dev.tidemark.storage.StoredObject;
import dev.tidemark.storage.Upload;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SAS form of the connection string: what it may do, and a clear error for what it may not. */
class AzureSasTest {

    @Test
    void aSasWithReadWriteListDeleteStoresAndReadsSnapshots() throws Exception {
        String container = Azurite.newContainerName();
        AzureStorageFactory.client(Azurite.settings(Azurite.port(), container, "")).create();
        String connection = sasConnectionString("rwdl");
        TidemarkConfig config = TidemarkConfig.fromEnvironment(Map.of(
                "SNAPSHOTS_STORAGE_PROVIDER", "azure",
                "SNAPSHOTS_STORAGE_AZURE_CONTAINER", container,
                "SNAPSHOTS_STORAGE_AZURE_CONNECTION_STRING", connection));

        try (SnapshotStorage storage = SnapshotStorages.open(config.storage())) {
            assertThat(storage.describe()).doesNotContain("sig=").doesNotContain(signature(connection));
            try (Upload upload = storage.create("index/a.json")) {
                upload.stream().write("{}".getBytes(UTF_8));
                upload.commit();
            }
            assertThat(storage.list("")).extracting(StoredObject::name).containsExactly("index/a.json");
            assertThat(new String(storage.open("index/a.json").readAllBytes(), UTF_8)).isEqualTo("{}");
            storage.delete("index/a.json");
            assertThat(storage.list("")).isEmpty();
        }
        assertThat(config.toString()).doesNotContain(signature(connection));
    }

    @Test
    void aMissingContainerThatTheSasMayNotCreateIsNamedInOneLine() {
        String container = Azurite.newContainerName();
        String connection = sasConnectionString("rl"); // creating a container takes w (or c)
        AzureStorageSettings settings = new AzureStorageSettings(container, Secret.of(connection), "");

        assertThatThrownBy(() -> AzureStorageFactory.open(settings, Azurite.quickRetry(3), Azurite.smallBlocks()))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.STORAGE);
                    assertThat(e.getMessage()).startsWith("creating the missing container " + container)
                            .contains("HTTP 403").doesNotContain("\n").doesNotContain(signature(connection));
                });
    }

    private static String sasConnectionString(String permissions) {
        var service = new BlobServiceClientBuilder().connectionString(Azurite.connectionString(Azurite.port())).buildClient();
        String sas = service.generateAccountSas(new AccountSasSignatureValues(OffsetDateTime.now().plusHours(1),
                AccountSasPermission.parse(permissions), AccountSasService.parse("b"), AccountSasResourceType.parse("sco")));
        return "BlobEndpoint=http://127.0.0.1:" + Azurite.port() + "/devstoreaccount1;SharedAccessSignature=" + sas;
    }

    private static String signature(String connection) {
        int start = connection.indexOf("sig=") + 4;
        int end = connection.indexOf('&', start);
        return connection.substring(start, end < 0 ? connection.length() : end);
    }
}

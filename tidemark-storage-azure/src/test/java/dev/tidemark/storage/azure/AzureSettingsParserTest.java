package dev.tidemark.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.env.Environment;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.storage.SnapshotStorages;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Azure provider's variables, read through the provider registry as the configuration reads them. */
class AzureSettingsParserTest {

    @Test
    void azureContainerConnectionStringAndPrefix() {
        String connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=c2VjcmV0;"
                + "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
        AzureStorageSettings azure = azure(Map.of("STORAGE_AZURE_CONTAINER", "snapshots",
                "SNAPSHOTS_STORAGE_AZURE_CONNECTION_STRING", connection, "SNAPSHOTS_STORAGE_AZURE_PREFIX", "prod"));

        assertThat(azure.container()).isEqualTo("snapshots");
        assertThat(azure.connectionString().reveal()).isEqualTo(connection);
        assertThat(azure.prefix()).isEqualTo("prod/");
        assertThat(azure.toString()).doesNotContain("c2VjcmV0");

        AzureStorageSettings sas = azure(Map.of("SNAPSHOTS_STORAGE_AZURE_CONTAINER", "snapshots",
                "SNAPSHOTS_STORAGE_AZURE_CONNECTION_STRING",
                "BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2022&sig=abc"));
        assertThat(sas.prefix()).isEmpty();
    }

    @Test
    void azureMistakesAreNamedWithoutEchoingSecrets() {
        assertAzureError(Map.of(), "SNAPSHOTS_STORAGE_AZURE_CONTAINER: not set (SNAPSHOTS_STORAGE_PROVIDER is azure)");
        assertAzureError(Map.of("SNAPSHOTS_STORAGE_AZURE_CONTAINER", "Bad_Name"),
                "SNAPSHOTS_STORAGE_AZURE_CONTAINER: 'Bad_Name' is not a container name");
        assertAzureError(Map.of("SNAPSHOTS_STORAGE_AZURE_CONTAINER", "ok-name"),
                "SNAPSHOTS_STORAGE_AZURE_CONNECTION_STRING: not set (SNAPSHOTS_STORAGE_PROVIDER is azure)");
        assertAzureError(Map.of("SNAPSHOTS_STORAGE_AZURE_CONTAINER", "ok-name",
                        "SNAPSHOTS_STORAGE_AZURE_CONNECTION_STRING", "AccountName=a;AccountKey"),
                "SNAPSHOTS_STORAGE_AZURE_CONNECTION_STRING: not a connection string of Name=value fields separated by ';'");
        assertAzureError(Map.of("SNAPSHOTS_STORAGE_AZURE_CONTAINER", "ok-name",
                        "SNAPSHOTS_STORAGE_AZURE_CONNECTION_STRING", "AccountName=a;Other=hunter2"),
                "SNAPSHOTS_STORAGE_AZURE_CONNECTION_STRING: needs AccountName and AccountKey, or BlobEndpoint and SharedAccessSignature");
    }

    private AzureStorageSettings azure(Map<String, String> env) {
        Map<String, String> withProvider = new HashMap<>(env);
        withProvider.put("SNAPSHOTS_STORAGE_PROVIDER", "azure");
        return (AzureStorageSettings) SnapshotStorages.parse(new Environment(withProvider), Path.of("data"));
    }

    private void assertAzureError(Map<String, String> env, String message) {
        assertThatThrownBy(() -> azure(env)).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
            assertThat(e.getMessage()).isEqualTo(message).doesNotContain("hunter2");
        });
    }
}

package dev.tidemark.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.models.BlobItem;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.dialect.sqlite.SqliteTestDb;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.RestoreResult;
import dev.tidemark.engine.Tidemark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.source.SnapshotSource;

/**
 * A SQLite database snapshotted to Azure Blob configured through the environment (connection string
 * from a _FILE, as with Docker secrets), then restored into a new file.
 */
class AzureEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void snapshotToAzureAndRestoreGiveTheSameRows() throws Exception {
        Path source = dir.resolve("source.db");
        SqliteTestDb.exec(source,
                "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, balance REAL, photo BLOB)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
                        + " INSERT INTO customer SELECT i, 'customer ' || i || ' ✓', i / 7.0, randomblob(i % 50) FROM n",
                "CREATE TABLE note (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer(id), body TEXT)",
                "INSERT INTO note VALUES (1, 1, NULL), (2, 2, 'line one\nline two')");
        String container = Azurite.newContainerName();
        Path connectionFile = dir.resolve("azure-connection-string");
        Files.writeString(connectionFile, Azurite.connectionString(Azurite.port()) + "\n");
        Map<String, String> environment = Map.of(
                "DATA_DIR", dir.resolve("data").toString(),
                "DATABASE_URL", "sqlite:" + source,
                "STORAGE_PROVIDER", "azure",
                "SNAPSHOTS_STORAGE_AZURE_CONTAINER", container,
                "SNAPSHOTS_STORAGE_AZURE_CONNECTION_STRING_FILE", connectionFile.toString());
        TidemarkConfig config = TidemarkConfig.fromEnvironment(environment);
        assertThat(config.toString()).doesNotContain(Azurite.ACCOUNT_KEY);

        Path target = dir.resolve("restored.db");
        try (Tidemark tidemark = new Tidemark(config)) {
            assertThat(tidemark.storageDescription()).isEqualTo("azure container " + container + " at http://127.0.0.1:"
                    + Azurite.port() + "/devstoreaccount1");
            SnapshotEntry entry = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
            assertThat(tidemark.list()).extracting(SnapshotEntry::id).containsExactly(entry.id());

            RestoreResult restored = tidemark.restore(entry.id(), "sqlite:" + target, false,
                    new JobProgress("restore", entry.id()));
            assertThat(restored.rows()).isEqualTo(20_002);
        }

        for (String table : new String[] {"customer", "note"}) {
            assertThat(SqliteTestDb.exactRows(target, table)).as(table).isEqualTo(SqliteTestDb.exactRows(source, table));
        }
        var client = AzureStorageFactory.client(Azurite.settings(Azurite.port(), container, ""));
        assertThat(client.listBlobs().stream().map(BlobItem::getName)).isNotEmpty();
    }
}

package dev.tidemark.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.dialect.sqlite.SqliteTestDb;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.RestoreResult;
import dev.tidemark.engine.Tidemark;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.source.SnapshotSource;

/** A SQLite database snapshotted to S3 configured through the environment, then restored into a new file. */
class S3EndToEndTest {
    @TempDir
    Path dir;

    @Test
    void snapshotToS3AndRestoreGiveTheSameRows() throws Exception {
        Path source = dir.resolve("source.db");
        SqliteTestDb.exec(source,
                "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, balance REAL, photo BLOB)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
                        + " INSERT INTO customer SELECT i, 'customer ' || i || ' ✓', i / 7.0, randomblob(i % 50) FROM n",
                "CREATE TABLE note (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer(id), body TEXT)",
                "INSERT INTO note VALUES (1, 1, NULL), (2, 2, 'line one\nline two')");
        String bucket = S3Emulator.newBucket();
        Map<String, String> environment = Map.of(
                "DATA_DIR", dir.resolve("data").toString(),
                "DATABASE_URL", "sqlite:" + source,
                "SNAPSHOTS_STORAGE_PROVIDER", "s3",
                "SNAPSHOTS_STORAGE_S3_URL", "http://" + S3Emulator.ACCESS_KEY_ID + ":" + S3Emulator.SECRET_ACCESS_KEY
                        + "@127.0.0.1:" + S3Emulator.port() + "/?bucket=" + bucket + "&prefix=backups/prod");
        TidemarkConfig config = TidemarkConfig.fromEnvironment(environment);
        assertThat(config.toString()).doesNotContain(S3Emulator.SECRET_ACCESS_KEY).doesNotContain(S3Emulator.ACCESS_KEY_ID);

        Path target = dir.resolve("restored.db");
        try (Tidemark tidemark = new Tidemark(config)) {
            assertThat(tidemark.storageDescription()).isEqualTo("s3 s3://" + bucket + "/backups/prod/ at http://127.0.0.1:"
                    + S3Emulator.port());
            SnapshotEntry entry = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
            assertThat(tidemark.list()).extracting(SnapshotEntry::id).containsExactly(entry.id());

            RestoreResult restored = tidemark.restore(entry.id(), "sqlite:" + target, false,
                    new JobProgress("restore", entry.id()));
            assertThat(restored.rows()).isEqualTo(20_002);
        }

        for (String table : new String[] {"customer", "note"}) {
            assertThat(SqliteTestDb.exactRows(target, table)).as(table).isEqualTo(SqliteTestDb.exactRows(source, table));
        }
        try (var client = S3StorageFactory.client(S3Emulator.settings(S3Emulator.port(), bucket, ""))) {
            assertThat(client.listObjectsV2(r -> r.bucket(bucket)).contents()).isNotEmpty()
                    .allSatisfy(object -> assertThat(object.key()).startsWith("backups/prod/"));
        }
    }
}

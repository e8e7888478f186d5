package dev.tidemark.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.storage.local.LocalStorage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoragesTest {
    @TempDir
    Path temp;

    @Test
    void localProviderUsesTheConfiguredFolderAndCreatesIt() throws Exception {
        Path folder = temp.resolve("data/snapshots");
        TidemarkConfig config = TidemarkConfig.fromEnvironment(Map.of("DATA_DIR", temp.resolve("data").toString()));

        try (SnapshotStorage storage = SnapshotStorages.open(config)) {
            assertThat(storage).isInstanceOf(LocalStorage.class);
            assertThat(storage.describe()).isEqualTo("local " + folder);
            assertThat(folder).isDirectory();
        }
    }
}

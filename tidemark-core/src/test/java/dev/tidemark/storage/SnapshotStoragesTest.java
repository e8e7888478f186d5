package dev.tidemark.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.env.Environment;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.storage.local.LocalStorage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoragesTest {
    @TempDir
    Path temp;

    @Test
    void localIsTheDefaultProviderAndRegistersLikeAnyOther() throws Exception {
        Path dataDir = temp.resolve("data");
        StorageSettings settings = SnapshotStorages.parse(new Environment(Map.of()), dataDir);

        assertThat(settings.provider()).isEqualTo("local");
        assertThat(SnapshotStorages.availableProviders()).contains("local");
        try (SnapshotStorage storage = SnapshotStorages.open(settings)) {
            assertThat(storage).isInstanceOf(LocalStorage.class);
            assertThat(storage.describe()).isEqualTo("local " + dataDir.resolve("snapshots"));
            assertThat(dataDir.resolve("snapshots")).isDirectory();
        }
    }

    @Test
    void anUnknownProviderIsRefusedWithTheInstalledOnesListed() {
        assertThatThrownBy(() -> SnapshotStorages.parse(new Environment(Map.of("STORAGE_PROVIDER", "GCS")), temp))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
                    assertThat(e.getMessage()).isEqualTo("STORAGE_PROVIDER: unknown provider 'gcs'");
                    assertThat(e.hint()).contains("local");
                });
    }
}

package dev.tidemark.storage.local;

import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.StorageContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageContractTest extends StorageContractTest {
    @TempDir
    Path folder;

    @Override
    protected SnapshotStorage newStorage() {
        return new LocalStorage(folder.resolve("snapshots"));
    }
}

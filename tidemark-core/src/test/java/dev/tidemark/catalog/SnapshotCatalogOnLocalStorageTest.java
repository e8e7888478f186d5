package dev.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.local.LocalStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCatalogOnLocalStorageTest extends SnapshotCatalogContract {
    @TempDir
    Path folder;

    @Override
    protected SnapshotStorage newStorage() {
        return new LocalStorage(folder);
    }

    @Test
    void archivesAreOrdinaryFilesUsersCanFind() throws Exception {
        SnapshotEntry entry = store(SnapshotId.create("main", T0), false, "archive bytes");

        assertThat(folder.resolve(entry.archive())).hasContent("archive bytes");
        assertThat(folder.resolve("index/" + entry.id() + ".json")).exists();
        assertThat(Files.size(folder.resolve(entry.archive()))).isEqualTo(entry.size());
        assertThat(catalog.storage().describe()).isEqualTo("local " + folder.toAbsolutePath());
    }
}

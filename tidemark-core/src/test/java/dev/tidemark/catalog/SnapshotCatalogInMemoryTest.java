package dev.tidemark.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.storage.InMemoryStorage;
import dev.tidemark.storage.SnapshotStorage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog under storage failures, which the in-memory storage can be told to produce. */
class SnapshotCatalogInMemoryTest extends SnapshotCatalogContract {
    private final InMemoryStorage memory = new InMemoryStorage();

    @Override
    protected SnapshotStorage newStorage() {
        return memory;
    }

    @Test
    void failedArchiveCommitListsNothingAndLeavesNothing() throws Exception {
        memory.failCommitsOf(name -> name.startsWith("snapshots/"));
        PendingSnapshot pending = catalog.begin(SnapshotId.create("main", T0), false);
        pending.stream().write("archive".getBytes(UTF_8));

        assertThatThrownBy(() -> pending.commit("sqlite", 1, 1L, List.of()))
                .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
        pending.close();

        assertThat(catalog.list()).isEmpty();
        assertThat(memory.list("")).isEmpty();
        assertThat(memory.openUploads()).isZero();
    }

    @Test
    void failedIndexCommitRemovesTheStoredArchive() throws Exception {
        memory.failCommitsOf(name -> name.startsWith("index/"));
        PendingSnapshot pending = catalog.begin(SnapshotId.create("main", T0), false);
        pending.stream().write("archive".getBytes(UTF_8));

        assertThatThrownBy(() -> pending.commit("sqlite", 1, 1L, List.of())).isInstanceOf(IOException.class);
        pending.close();

        assertThat(catalog.list()).isEmpty();
        assertThat(memory.list("")).isEmpty();
        assertThat(memory.openUploads()).isZero();
    }

    @Test
    void failedIndexCommitWhoseArchiveCannotBeRemovedIsNeverListedAndCleanedUpLater() throws Exception {
        memory.failCommitsOf(name -> name.startsWith("index/"));
        memory.failDeletesOf(name -> name.startsWith("snapshots/"));
        SnapshotId id = SnapshotId.create("main", T0);
        try (PendingSnapshot pending = catalog.begin(id, false)) {
            pending.stream().write("archive".getBytes(UTF_8));
            assertThatThrownBy(() -> pending.commit("sqlite", 1, 1L, List.of())).isInstanceOf(IOException.class);
        }
        assertThat(catalog.list()).isEmpty();
        assertNotFound(() -> catalog.get(id.value()), id);

        memory.failCommitsOf(name -> false);
        memory.failDeletesOf(name -> false);
        SnapshotCatalog later = new SnapshotCatalog(memory, Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertThat(later.cleanupIncomplete()).isEqualTo(1);
        assertThat(memory.list("")).isEmpty();
    }

    @Test
    void deleteThatFailsHalfWayNeverLeavesAListedHalfSnapshot() throws Exception {
        SnapshotEntry entry = store(SnapshotId.create("main", T0), false, "x");
        memory.failDeletesOf(name -> name.startsWith("snapshots/"));

        assertThatThrownBy(() -> catalog.delete(entry.id())).isInstanceOf(IOException.class);

        assertThat(catalog.list()).isEmpty();
        assertNotFound(() -> catalog.get(entry.id()), entry.snapshotId());
        assertThat(memory.stat(entry.archive())).isPresent();
    }
}

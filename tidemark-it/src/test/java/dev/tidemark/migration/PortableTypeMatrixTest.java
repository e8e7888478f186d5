package dev.tidemark.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.Tidemark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import dev.tidemark.source.SnapshotSource;

/**
 * The seed's migration steps for every ordered pair of backends: a snapshot of a natively created
 * table with every portable type, restored into another backend; the values must equal the source's,
 * and restoring a snapshot of the copy into the first backend again must give back the original rows.
 */
class PortableTypeMatrixTest {
    @TempDir
    Path dir;
    private final List<ScratchDatabase> scratch = new ArrayList<>();

    @AfterEach
    void dropScratchDatabases() throws Exception {
        for (ScratchDatabase db : scratch) {
            db.close();
        }
    }

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (Backend from : Backend.values()) {
            for (Backend to : Backend.values()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} → {1} → {0}")
    @MethodSource("pairs")
    void snapshotOfOneBackendRestoresIntoAnother(Backend from, Backend to) throws Exception {
        ScratchDatabase source = scratch(from);
        PortableFixture.create(source);
        ScratchDatabase target = scratch(to);
        ScratchDatabase back = scratch(from);

        copy(source, target);
        Map<String, List<String>> original = NativeRows.read(source, PortableFixture.KINDS);
        assertThat(NativeRows.read(target, PortableFixture.KINDS)).isEqualTo(original);

        copy(target, back);
        assertThat(NativeRows.read(back, PortableFixture.KINDS)).isEqualTo(original);
    }

    /** Snapshot {@code from} (as the configured main database), then restore that snapshot into {@code to}. */
    private void copy(ScratchDatabase from, ScratchDatabase to) {
        try (Tidemark tidemark = new Tidemark(TidemarkConfig.fromEnvironment(Map.of(
                "DATA_DIR", dir.resolve("data").toString(), "DATABASE_URL", from.url())))) {
            SnapshotEntry entry = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
            tidemark.restore(entry.id(), to.url(), false, new JobProgress("restore", entry.id()));
        }
    }

    private ScratchDatabase scratch(Backend backend) throws Exception {
        ScratchDatabase db = ScratchDatabase.create(backend, dir);
        scratch.add(db);
        return db;
    }
}

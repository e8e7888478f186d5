package dev.tidemark.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.archive.ArchiveOptions;
import dev.tidemark.catalog.SnapshotCatalog;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.dialect.Dialect;
import dev.tidemark.dialect.Dialects;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSink;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Table;
import dev.tidemark.storage.local.LocalStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.source.KeyRange;
import dev.tidemark.source.SnapshotSource;

/** The engine end to end on real SQLite files and the local storage: modes, exclusivity, failures. */
class TidemarkEngineTest {
    @TempDir
    Path dir;
    Path main;
    Tidemark tidemark;
    ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeEach
    void setUp() throws Exception {
        main = dir.resolve("main.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + main); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT)");
            s.execute("CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id))");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
                    + " INSERT INTO a SELECT i, 'value ' || i FROM n");
            s.execute("INSERT INTO b SELECT id, id FROM a");
        }
        tidemark = new Tidemark(TidemarkConfig.fromEnvironment(Map.of(
                "DATA_DIR", dir.resolve("data").toString(), "DATABASE_URL", "sqlite:" + main)));
    }

    @AfterEach
    void tearDown() {
        background.shutdownNow();
        tidemark.close();
    }

    @Test
    void modesFollowTheRunningJob() throws Exception {
        assertThat(tidemark.monitor().mode()).isEqualTo(Mode.NORMAL);
        JobProgress progress = new JobProgress("snapshot", null);
        SnapshotEntry entry = tidemark.createSnapshot(SnapshotSource.MAIN.name(), progress);
        assertThat(progress.read().phase()).isEqualTo("done");
        assertThat(progress.read().rowsDone()).isEqualTo(10_000);
        assertThat(tidemark.monitor().mode()).isEqualTo(Mode.NORMAL);

        RestoreResult restored = tidemark.restore(entry.id(), null, true, new JobProgress("restore", entry.id()));
        assertThat(restored.rows()).isEqualTo(10_000);
        assertThat(tidemark.monitor().mode()).isEqualTo(Mode.NORMAL);
    }

    @Test
    void aSecondJobOnTheMainDatabaseIsRefusedWhileOneRuns() throws Exception {
        JobProgress first = new JobProgress("snapshot", null);
        OperationMonitor.ModeHandle held = tidemark.monitor().enter(Mode.READ_ONLY, first);
        try {
            assertThat(tidemark.monitor().mode()).isEqualTo(Mode.READ_ONLY);
            assertThat(tidemark.monitor().currentJob()).containsSame(first);
            assertThatThrownBy(() -> tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null)))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.BUSY);
                        assertThat(e.getMessage()).contains("snapshot");
                    });
        } finally {
            held.close();
        }
        assertThat(tidemark.monitor().mode()).isEqualTo(Mode.NORMAL);
    }

    @Test
    void theMainDatabaseIsInMaintenanceDuringARestoreIntoIt() throws Exception {
        SnapshotEntry entry = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
        JobProgress progress = new JobProgress("restore", entry.id());
        Future<RestoreResult> restore = background.submit(() -> tidemark.restore(entry.id(), null, true, progress));
        Mode seen = Mode.NORMAL;
        while (!restore.isDone()) {
            Mode now = tidemark.monitor().mode();
            if (now != Mode.NORMAL) {
                seen = now;
            }
        }
        restore.get(1, TimeUnit.MINUTES);
        assertThat(seen).isEqualTo(Mode.MAINTENANCE);
        assertThat(tidemark.monitor().mode()).isEqualTo(Mode.NORMAL);
    }

    @Test
    void aSnapshotThatFailsHalfWayLeavesNothingListedAndNoFiles() throws Exception {
        Path storageDir = dir.resolve("failing-storage");
        SnapshotCatalog catalog = new SnapshotCatalog(new LocalStorage(storageDir));
        Dialect failing = failAtSecondTable(Dialects.forUrl("sqlite:" + main));
        JobProgress progress = new JobProgress("snapshot", null);

        assertThatThrownBy(() -> new SnapshotCreator(catalog, new ArchiveOptions(3, 1 << 20, dir.resolve("spool")))
                .create(failing, SnapshotSource.MAIN.name(), SnapshotMode.READ_ONLY, progress))
                .isInstanceOf(TidemarkException.class)
                .hasMessageContaining("disk went away");

        assertThat(catalog.list()).isEmpty();
        try (Stream<Path> files = Files.walk(storageDir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void anInterruptedRestoreCommitsNothing() {
        SnapshotEntry entry = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
        Path target = dir.resolve("interrupted.db");
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> tidemark.restore(entry.id(), "sqlite:" + target, false,
                    new JobProgress("restore", entry.id())))
                    .isInstanceOfSatisfying(TidemarkException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERRUPTED));
        } finally {
            Thread.interrupted();
        }
        assertThat(target).doesNotExist();
    }

    @Test
    void snapshotsAreRefusedWhenDisabled() {
        Tidemark disabled = new Tidemark(TidemarkConfig.fromEnvironment(Map.of(
                "DATA_DIR", dir.resolve("data").toString(), "DATABASE_URL", "sqlite:" + main,
                "SNAPSHOTS_ENABLED", "0")));
        try (disabled) {
            assertThatThrownBy(() -> disabled.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null)))
                    .isInstanceOfSatisfying(TidemarkException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.DISABLED));
            assertThat(dir.resolve("data").resolve("snapshots")).satisfiesAnyOf(
                    p -> assertThat(p).doesNotExist(),
                    p -> assertThat(p).isEmptyDirectory());
        }
    }

    /** Delegates to a real dialect but fails while exporting the second table, like a storage error would. */
    private static Dialect failAtSecondTable(Dialect real) {
        return new Dialect() {
            @Override
            public String backend() {
                return real.backend();
            }

            @Override
            public String describe() {
                return real.describe();
            }

            @Override
            public SnapshotSession openSnapshot(SnapshotMode mode, int parallelism) {
                SnapshotSession session = real.openSnapshot(mode, 1);
                return new SnapshotSession() {
                    private int tables;

                    @Override
                    public String backendVersion() {
                        return session.backendVersion();
                    }

                    @Override
                    public dev.tidemark.source.Position position() {
                        return session.position();
                    }

                    @Override
                    public dev.tidemark.schema.Schema schema() {
                        return session.schema();
                    }

                    @Override
                    public java.util.List<String> warnings() {
                        return session.warnings();
                    }

                    @Override
                    public void exportTable(Table table, KeyRange range, RowSink sink) throws Exception {
                        if (++tables == 2) {
                            throw new IOException("disk went away");
                        }
                        session.exportTable(table, range, sink);
                    }

                    @Override
                    public void close() {
                        session.close();
                    }
                };
            }

            @Override
            public RestoreSession openRestore(int parallelism) {
                return real.openRestore(1);
            }
        };
    }
}

package dev.tidemark.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.catalog.ChangeLog;
import dev.tidemark.catalog.ChangeSegmentEntry;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.dialect.Dialects;
import dev.tidemark.dialect.sqlite.SqliteTestDb;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.source.RowChange;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change log, the window and restores to a point, end to end on a real SQLite database and a real storage,
 * with changes handed over by the test as it commits them ({@link ScriptedChangeSource}): every restore to a point
 * equals, row for row, what the database held then.
 */
class PointInTimeRecoveryTest {
    private static final String KEY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";

    @TempDir
    Path dir;
    private Path database;
    private Tidemark tidemark;
    private ScriptedChangeSource changes;
    /** What the database held after each transaction, by commit time. */
    private final TreeMap<Instant, List<String>> states = new TreeMap<>();

    @BeforeEach
    void setUp() throws Exception {
        database = dir.resolve("app.db");
        SqliteTestDb.exec(database, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL, balance INTEGER)",
                "INSERT INTO accounts VALUES (1, 'ada', 100), (2, 'bob', 50)");
        tidemark = open(Map.of());
        changes = new ScriptedChangeSource(Dialects.forUrl("sqlite:" + database));
    }

    @AfterEach
    void tearDown() {
        tidemark.close();
    }

    private Tidemark open(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("DATA_DIR", dir.resolve("data").toString(),
                "DATABASE_URL", "sqlite:" + database, "SNAPSHOTS_PITR_INTERVAL", "200ms"));
        env.putAll(more);
        return new Tidemark(TidemarkConfig.fromEnvironment(env));
    }

    private ChangeRecorder recorder(Tidemark on) {
        return new ChangeRecorder(SnapshotSource.MAIN, Dialects.forUrl("sqlite:" + database), changes, "test_capture",
                on.catalog(), new ChangeLog(on.catalog().storage()), on.snapshotCreator(), SnapshotMode.READ_ONLY,
                Duration.ofMillis(200), 3, on.config().agePublicKeys(), "test", Clock.systemUTC());
    }

    @Test
    void everyPointOfTheWindowRestoresToWhatTheDatabaseHeldThen() throws Exception {
        ChangeRecorder recorder = recorder(tidemark);
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> run(recorder, stop));
        awaitBase(recorder);
        Instant baseTaken = Instant.now();
        states.put(baseTaken, rows(database));
        writeTransactions(120, new Random(7));
        awaitCaughtUp(changes, 120);
        stop.set(true);
        running.get(30, TimeUnit.SECONDS);

        RecoveryWindow window = tidemark.pitr().window("main");
        assertThat(window.spans()).hasSize(1);
        assertThat(window.end().orElseThrow()).isAfterOrEqualTo(states.lastKey());
        Random random = new Random(11);
        List<Instant> points = new ArrayList<>(states.keySet());
        for (int i = 0; i < 12; i++) {
            Instant point = points.get(random.nextInt(points.size()));
            Path target = dir.resolve("restored-" + i + ".db");
            PointInTimeResult result = tidemark.pitr().restore("main", point, null, "sqlite:" + target, false,
                    new JobProgress("pitr", null));
            assertThat(rows(target)).as("restored to %s", point).isEqualTo(states.floorEntry(point).getValue());
            assertThat(result.reached()).isBeforeOrEqualTo(point);
        }
    }

    @Test
    void aRestartedCaptureResumesWithoutLosingOrRepeatingATransaction() throws Exception {
        ChangeRecorder first = recorder(tidemark);
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> run(first, stop));
        awaitBase(first);
        writeTransactions(40, new Random(3));
        awaitCaughtUp(changes, 40);
        stop.set(true);
        running.get(30, TimeUnit.SECONDS);
        String base = first.status().base();

        writeTransactions(40, new Random(4));
        ChangeRecorder second = recorder(tidemark);
        AtomicBoolean stopAgain = new AtomicBoolean();
        CompletableFuture<Void> again = CompletableFuture.runAsync(() -> run(second, stopAgain));
        awaitCaughtUp(changes, 80);
        stopAgain.set(true);
        again.get(30, TimeUnit.SECONDS);

        assertThat(second.status().base()).as("the second capture continues the first one's base").isEqualTo(base);
        List<ChangeSegmentEntry> segments = new ChangeLog(tidemark.catalog().storage()).segments("main", base);
        assertThat(segments.stream().mapToLong(ChangeSegmentEntry::transactions).sum()).isEqualTo(80);
        Path target = dir.resolve("latest.db");
        tidemark.pitr().restore("main", tidemark.pitr().window("main").end().orElseThrow(), null, "sqlite:" + target, false, new JobProgress("pitr", null));
        assertThat(rows(target)).isEqualTo(rows(database));
    }

    @Test
    void encryptedSegmentsRestoreWithTheSecretKeyAndAPointOutsideTheWindowIsRefused() throws Exception {
        tidemark.close();
        tidemark = open(Map.of("SNAPSHOTS_AGE_PUBLIC_KEY", "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj",
                "SNAPSHOTS_AGE_SECRET_KEY", KEY));
        ChangeRecorder recorder = recorder(tidemark);
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> run(recorder, stop));
        awaitBase(recorder);
        writeTransactions(20, new Random(5));
        awaitCaughtUp(changes, 20);
        stop.set(true);
        running.get(30, TimeUnit.SECONDS);

        List<ChangeSegmentEntry> segments = new ChangeLog(tidemark.catalog().storage()).segments("main", recorder.status().base());
        assertThat(segments).isNotEmpty().allMatch(ChangeSegmentEntry::encrypted);
        Path stored = dir.resolve("data/snapshots").resolve(segments.get(0).segment());
        assertThat(Files.readString(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("age-encryption.org/v1");
        Path target = dir.resolve("encrypted.db");
        tidemark.pitr().restore("main", tidemark.pitr().window("main").end().orElseThrow(), null, "sqlite:" + target, false, new JobProgress("pitr", null));
        assertThat(rows(target)).isEqualTo(rows(database));

        assertThatThrownBy(() -> tidemark.pitr().restore("main", Instant.parse("2001-01-01T00:00:00Z"), null,
                "sqlite:" + dir.resolve("never.db"), false, new JobProgress("pitr", null)))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("outside the restorable window");
                });
        assertThat(dir.resolve("never.db")).doesNotExist();
    }

    /** Inserts, updates and deletes, each transaction committed to SQLite and then handed to the change source. */
    private void writeTransactions(int count, Random random) throws Exception {
        for (int i = 0; i < count; i++) {
            List<RowChange> transaction = new ArrayList<>();
            int id = 3 + random.nextInt(30);
            boolean exists = !SqliteTestDb.query(database, "SELECT id FROM accounts WHERE id = " + id).isEmpty();
            if (!exists) {
                SqliteTestDb.exec(database, "INSERT INTO accounts VALUES (" + id + ", 'n" + i + "', " + i + ")");
                transaction.add(new RowChange(RowChange.Operation.INSERT, "accounts", new String[] {"" + id},
                        new String[] {"" + id, "n" + i, "" + i}));
            } else if (random.nextBoolean()) {
                SqliteTestDb.exec(database, "UPDATE accounts SET balance = balance + 1 WHERE id = " + id);
                String balance = SqliteTestDb.query(database, "SELECT balance FROM accounts WHERE id = " + id).get(0);
                transaction.add(new RowChange(RowChange.Operation.UPDATE, "accounts", new String[] {"" + id},
                        new String[] {"" + id, RowChange.UNCHANGED, balance}));
            } else {
                SqliteTestDb.exec(database, "DELETE FROM accounts WHERE id = " + id);
                transaction.add(new RowChange(RowChange.Operation.DELETE, "accounts", new String[] {"" + id}, null));
            }
            Instant committed = Instant.now();
            changes.committed(committed, transaction);
            states.put(committed, rows(database));
            Thread.sleep(2);
        }
    }

    private static List<String> rows(Path file) throws Exception {
        return SqliteTestDb.exactRows(file, "accounts");
    }

    private static void run(ChangeRecorder recorder, AtomicBoolean stop) {
        try {
            recorder.run(stop::get);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitBase(ChangeRecorder recorder) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"capturing".equals(recorder.status().state())) {
            assertThat(System.nanoTime()).as("the capture started: %s", recorder.status()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitCaughtUp(ScriptedChangeSource source, long position) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (source.released.get() < position) {
            assertThat(System.nanoTime()).as("the capture stored position %d", position).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}

package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Table;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.tidemark.source.Position;
import dev.tidemark.source.KeyRange;

class PostgresSnapshotConsistencyTest {
    private ScratchDatabase db;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void createTables() throws Exception {
        db = new ScratchDatabase();
        db.execute("CREATE TABLE accounts (id integer PRIMARY KEY, balance integer NOT NULL)",
                "INSERT INTO accounts SELECT g, 100 FROM generate_series(1, 1000) g",
                "CREATE TABLE ledger (id integer PRIMARY KEY, total integer NOT NULL)",
                "INSERT INTO ledger VALUES (1, 100000)");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        threads.shutdownNow();
        db.close();
    }

    /** Opens an account and books it in the ledger in one transaction: a consistent reader sees both or neither. */
    private Future<?> transferInOneTransaction() {
        return threads.submit(() -> {
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute("INSERT INTO accounts VALUES (1001, 1000)");
                statement.execute("UPDATE ledger SET total = total + 1000");
                connection.commit();
            }
            return null;
        });
    }

    @Test
    void readOnlyModeMakesWritersWaitUntilCloseWhileReadersProceed() throws Exception {
        SnapshotSession session = db.dialect().openSnapshot(SnapshotMode.READ_ONLY, 1);
        Future<?> writer;
        List<Integer> balances = Collections.synchronizedList(new ArrayList<>());
        List<Integer> totals = new ArrayList<>();
        try {
            Table accounts = session.schema().table("accounts").orElseThrow();
            Table ledger = session.schema().table("ledger").orElseThrow();
            CountDownLatch paused = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            Future<?> export = threads.submit(() -> {
                session.exportTable(accounts, KeyRange.ALL, row -> {
                    balances.add(Integer.parseInt(row[1]));
                    if (balances.size() == 10) {
                        paused.countDown();
                        try {
                            resume.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
                return null;
            });
            assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();
            writer = transferInOneTransaction();
            Thread.sleep(500);
            assertThat(writer.isDone()).as("writer waits while the snapshot is open").isFalse();
            assertThat(db.single("SELECT sum(balance) FROM accounts")).as("readers are not blocked").isEqualTo("100000");
            resume.countDown();
            export.get(30, TimeUnit.SECONDS);
            session.exportTable(ledger, KeyRange.ALL, row -> totals.add(Integer.parseInt(row[1])));
            assertThat(writer.isDone()).as("writer still waits after the export, until close").isFalse();
        } finally {
            session.close();
        }
        writer.get(30, TimeUnit.SECONDS);
        assertThat(balances).hasSize(1000).allMatch(balance -> balance == 100);
        assertThat(totals).containsExactly(100000);
        assertThat(db.single("SELECT sum(balance) FROM accounts")).isEqualTo("101000");
        assertThat(db.single("SELECT total FROM ledger")).isEqualTo("101000");
    }

    @Test
    void onlineModeNeverBlocksWritersAndParallelWorkersReadTheSamePoint() throws Exception {
        try (SnapshotSession session = db.dialect().openSnapshot(SnapshotMode.ONLINE, 2)) {
            assertThat(session.parallelism()).isEqualTo(2);
            transferInOneTransaction().get(30, TimeUnit.SECONDS);
            Table accounts = session.schema().table("accounts").orElseThrow();
            Table ledger = session.schema().table("ledger").orElseThrow();
            List<Integer> balances = Collections.synchronizedList(new ArrayList<>());
            List<Integer> totals = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch bothRunning = new CountDownLatch(2);
            Future<?> first = threads.submit(() -> {
                session.exportTable(accounts, KeyRange.ALL, row -> {
                    if (balances.isEmpty()) {
                        bothRunning.countDown();
                        awaitQuietly(bothRunning);
                    }
                    balances.add(Integer.parseInt(row[1]));
                });
                return null;
            });
            Future<?> second = threads.submit(() -> {
                session.exportTable(ledger, KeyRange.ALL, row -> {
                    bothRunning.countDown();
                    awaitQuietly(bothRunning);
                    totals.add(Integer.parseInt(row[1]));
                });
                return null;
            });
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
            assertThat(balances).hasSize(1000).allMatch(balance -> balance == 100);
            assertThat(totals).containsExactly(100000);
        }
        assertThat(db.single("SELECT total FROM ledger")).isEqualTo("101000");
    }

    @Test
    void readOnlySnapshotGivesUpWhenAWriterHoldsItsLockTooLong() throws Exception {
        try (Connection writer = db.connect(); Statement statement = writer.createStatement()) {
            writer.setAutoCommit(false);
            statement.execute("UPDATE ledger SET total = total + 1");
            PostgresDialect impatient = new PostgresDialect(PostgresConnectionString.parse(db.url()),
                    java.time.Duration.ofMillis(300));
            assertThatThrownBy(() -> impatient.openSnapshot(SnapshotMode.READ_ONLY, 1))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.BUSY);
                        assertThat(e.getMessage()).contains("kept writing for more than 300 ms");
                    });
            writer.commit();
        }
        assertThat(db.single("SELECT total FROM ledger")).isEqualTo("100001");
        assertThat(db.single("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = 'tidemark'")).isEqualTo("0");
    }

    @Test
    void consistencyPointNamesTheWalPosition() throws Exception {
        try (SnapshotSession session = db.dialect().openSnapshot(SnapshotMode.READ_ONLY, 1)) {
            Position point = session.position();
            assertThat(point.kind()).isEqualTo("postgresql-lsn");
            assertThat(point.text()).matches("[0-9A-F]+/[0-9A-F]+");
            assertThat(point.details().get("snapshot")).matches("\\d+:\\d+:.*");
            assertThat(session.backendVersion()).startsWith("postgresql 1");
            String lsn = db.single("SELECT pg_current_wal_lsn()::text");
            assertThat(db.single("SELECT '" + point.text() + "'::pg_lsn <= '" + lsn + "'::pg_lsn")).isEqualTo("t");
        }
    }

    /** Fails the export unless the other table's export is running at the same time. */
    private static void awaitQuietly(CountDownLatch latch) throws java.io.IOException {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new java.io.IOException("the two exports did not run concurrently");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }
}

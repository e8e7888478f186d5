package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.schema.Table;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.tidemark.source.KeyRange;

/** A snapshot sees one point in time; in read-only mode writers wait for it instead of changing the data. */
class MysqlSnapshotConsistencyTest {
    private ScratchDatabase db;
    private ExecutorService threads;

    @BeforeEach
    void create() throws Exception {
        db = new ScratchDatabase();
        threads = Executors.newCachedThreadPool();
        db.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)",
                "CREATE TABLE ledger (id int PRIMARY KEY, amount int NOT NULL)",
                "INSERT INTO accounts VALUES (1, 100), (2, 100), (3, 100)",
                "INSERT INTO ledger VALUES (1, 300)");
    }

    @AfterEach
    void drop() throws Exception {
        threads.shutdownNow();
        db.close();
    }

    /** Moves 10 from account 1 to the ledger in one transaction on its own connection. */
    private Future<Void> transferInOneTransaction() {
        return threads.submit(() -> {
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute("UPDATE accounts SET balance = balance - 10 WHERE id = 1");
                statement.execute("UPDATE ledger SET amount = amount - 10 WHERE id = 1");
                connection.commit();
            }
            return null;
        });
    }

    private static List<String> column(SnapshotSession session, String table, int index) throws Exception {
        List<String> values = new ArrayList<>();
        Table t = session.schema().table(table).orElseThrow();
        session.exportTable(t, KeyRange.ALL, row -> values.add(row[index]));
        return values;
    }

    @Test
    void readOnlyModeMakesWritersWaitUntilTheSnapshotCloses() throws Exception {
        SnapshotSession session = db.dialect().openSnapshot(SnapshotMode.READ_ONLY, 1);
        Future<Void> write;
        try {
            CountDownLatch midTable = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            Table accounts = session.schema().table("accounts").orElseThrow();
            List<String> balances = new ArrayList<>();
            Future<?> export = threads.submit(() -> {
                session.exportTable(accounts, KeyRange.ALL, row -> {
                    balances.add(row[1]);
                    if (balances.size() == 1) {
                        midTable.countDown();
                        try {
                            resume.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
                return null;
            });
            assertThat(midTable.await(30, TimeUnit.SECONDS)).isTrue();
            write = transferInOneTransaction();
            Thread.sleep(500);
            assertThat(write).as("the writer waits while the snapshot is open").isNotDone();
            resume.countDown();
            export.get(30, TimeUnit.SECONDS);
            assertThat(balances).containsExactly("100", "100", "100");
            assertThat(column(session, "ledger", 1)).containsExactly("300");
            assertThat(write).isNotDone();
        } finally {
            session.close();
        }
        write.get(30, TimeUnit.SECONDS);
        try (SnapshotSession after = db.dialect().openSnapshot(SnapshotMode.READ_ONLY, 1)) {
            assertThat(column(after, "accounts", 1)).containsExactly("90", "100", "100");
            assertThat(column(after, "ledger", 1)).containsExactly("290");
        }
    }

    @Test
    void onlineModeLetsWritersProceedAndStillSeesOnePoint() throws Exception {
        try (SnapshotSession session = db.dialect().openSnapshot(SnapshotMode.ONLINE, 2)) {
            assertThat(session.parallelism()).isEqualTo(2);
            transferInOneTransaction().get(30, TimeUnit.SECONDS);
            // two tables read concurrently on the session's two connections
            CompletableFuture<List<String>> accounts = CompletableFuture.supplyAsync(() -> unchecked(session, "accounts"),
                    threads);
            CompletableFuture<List<String>> ledger = CompletableFuture.supplyAsync(() -> unchecked(session, "ledger"),
                    threads);
            assertThat(accounts.get(30, TimeUnit.SECONDS)).containsExactly("100", "100", "100");
            assertThat(ledger.get(30, TimeUnit.SECONDS)).containsExactly("300");
        }
    }

    @Test
    void theConsistencyPointSaysWhenTheBinaryLogIsOff() throws Exception {
        try (SnapshotSession session = db.dialect().openSnapshot(SnapshotMode.ONLINE, 1);
             Connection connection = db.connect(); Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT @@log_bin")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                assertThat(session.position().kind()).isEqualTo("mysql-binlog");
                assertThat(session.position().details()).containsEntry("binlog", "off");
                assertThat(session.warnings()).anyMatch(w -> w.contains("binary log is off"));
            } else {
                assertThat(session.position().details()).containsKey("binlogFile");
                assertThat(session.position().text()).isNotBlank();
            }
        }
    }

    private static List<String> unchecked(SnapshotSession session, String table) {
        try {
            return column(session, table, 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSource;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several loads into one table at once, as a parallel restore or migration runs them. MariaDB's first insert
 * into an empty table (with the loaders' unique_checks = 0) locks the whole table, so two loads that both find
 * the table empty would each wait for the other's lock: a deadlock the server breaks by failing one of them.
 * The two first inserts must reach the server within a moment of each other, so the test lines up the loads'
 * first rows and tries many tables: a session that lets every load start at once fails it in most runs.
 */
class MysqlParallelLoadTest {
    private static final int TABLES = 60;
    private static final int LOADERS = 8;
    private static final int ROWS_PER_LOAD = 300;

    private ScratchDatabase source;
    private ScratchDatabase target;

    @BeforeEach
    void create() throws Exception {
        source = new ScratchDatabase();
        target = new ScratchDatabase();
        for (int t = 0; t < TABLES; t++) {
            source.execute("CREATE TABLE t" + t + " (id integer PRIMARY KEY, note varchar(40) NOT NULL)");
        }
    }

    @AfterEach
    void drop() throws Exception {
        source.close();
        target.close();
    }

    @Test
    void loadsThatStartTogetherOnAnEmptyTableAllCommitEveryRow() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(LOADERS);
        try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.ONLINE, 1);
             RestoreSession restore = target.dialect().openRestore(LOADERS)) {
            Schema schema = snapshot.schema();
            restore.prepare(schema, false);
            for (Table table : schema.tables()) {
                CyclicBarrier firstRows = new CyclicBarrier(LOADERS);
                List<Future<Long>> loads = new ArrayList<>();
                for (int loader = 0; loader < LOADERS; loader++) {
                    RowSource rows = SpiRows.source(rows(loader));
                    boolean[] started = {false};
                    loads.add(threads.submit(() -> restore.load(table, () -> {
                        if (!started[0]) {
                            started[0] = true;
                            awaitOthers(firstRows);
                        }
                        return rows.next();
                    })));
                }
                for (Future<Long> load : loads) {
                    assertThat(load.get(60, TimeUnit.SECONDS)).as(table.name()).isEqualTo(ROWS_PER_LOAD);
                }
            }
            restore.finish(schema);
            restore.commit();
        } finally {
            threads.shutdownNow();
        }
        List<String> expected = new ArrayList<>();
        for (int loader = 0; loader < LOADERS; loader++) {
            rows(loader).forEach(row -> expected.add(row[0] + "|" + row[1]));
        }
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            for (int t = 0; t < TABLES; t++) {
                List<String> stored = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("SELECT id, note FROM t" + t + " ORDER BY id")) {
                    while (rs.next()) {
                        stored.add(rs.getInt(1) + "|" + rs.getString(2));
                    }
                }
                assertThat(stored).as("t" + t).isEqualTo(expected);
            }
        }
    }

    /**
     * Holds a load's first row until every load of the table has started, so their first inserts reach the
     * server together; gives up after a moment, as loads that are let in one at a time never all meet.
     */
    private static void awaitOthers(CyclicBarrier firstRows) {
        if (firstRows.isBroken()) {
            return;
        }
        try {
            firstRows.await(100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | BrokenBarrierException e) {
            // not all loads run at once: nothing to line up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The rows one loader brings: a key range of its own. */
    private static List<String[]> rows(int loader) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < ROWS_PER_LOAD; i++) {
            int id = loader * ROWS_PER_LOAD + i;
            rows.add(new String[] {Integer.toString(id), "note " + id});
        }
        return rows;
    }
}

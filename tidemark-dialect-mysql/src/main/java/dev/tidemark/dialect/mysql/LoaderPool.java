package dev.tidemark.dialect.mysql;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The connections a MySQL/MariaDB restore loads, indexes and checks on: its main connection, and more opened on
 * demand up to the restore's parallelism. Staging tables are ordinary tables, so any of them can fill or read them.
 */
final class LoaderPool {
    /**
     * Session settings of every loading connection. A load statement reads the archive as it streams, so it may
     * pause while the storage is slow or retried; the server would drop it after net_read_timeout (30 s by default).
     */
    static final String LOADER_SETTINGS =
            "SET SESSION foreign_key_checks = 0, SESSION unique_checks = 0, SESSION net_read_timeout = 3600";

    /** Work for one connection of the pool. */
    interface Work<T> {
        void on(Connection connection, T item) throws Exception;
    }

    private final MysqlConnectionString target;
    private final int parallelism;
    private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    private final List<Connection> extra = new ArrayList<>();
    private boolean closed;

    /** @param main the restore's own connection, already set up with {@link #LOADER_SETTINGS} */
    LoaderPool(MysqlConnectionString target, Connection main, int parallelism) {
        this.target = target;
        this.parallelism = parallelism;
        idle.add(main);
    }

    /** A connection for the calling thread, waiting while all of them are in use. */
    Connection borrow() throws InterruptedException {
        Connection free = idle.poll();
        if (free != null) {
            return free;
        }
        synchronized (extra) {
            if (closed) {
                throw new IllegalStateException("the restore session is closed");
            }
            if (extra.size() + 1 < parallelism) {
                Connection opened = MysqlConnections.open(target, true);
                extra.add(opened);
                try (Statement statement = opened.createStatement()) {
                    statement.execute(LOADER_SETTINGS);
                } catch (SQLException e) {
                    throw new TidemarkException(ErrorKind.DATABASE_ERROR, "cannot start a loader connection to "
                            + target.location() + ": " + MysqlConnections.clean(e, target), "check the user's privileges", e);
                }
                return opened;
            }
        }
        return idle.take();
    }

    void giveBack(Connection connection) {
        idle.add(connection);
    }

    /**
     * Does {@code work} for every item, several at once on the pool's connections; the first failure stops the
     * rest and is thrown.
     */
    <T> void runEach(List<T> items, Work<T> work) throws Exception {
        int threads = Math.min(parallelism, items.size());
        if (threads <= 1) {
            for (T item : items) {
                runOne(work, item);
            }
            return;
        }
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "tidemark-build");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (T item : items) {
                running.add(workers.submit(() -> {
                    runOne(work, item);
                    return null;
                }));
            }
            for (Future<?> one : running) {
                try {
                    one.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private <T> void runOne(Work<T> work, T item) throws Exception {
        Connection connection = borrow();
        try {
            work.on(connection, item);
        } finally {
            giveBack(connection);
        }
    }

    /** Closes the connections the pool opened; the main connection stays with its owner. */
    void closeExtras() {
        synchronized (extra) {
            closed = true;
            extra.forEach(MysqlConnections::closeQuietly);
        }
    }
}

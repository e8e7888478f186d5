package dev.tidemark.engine;

import dev.tidemark.source.Connector;
import dev.tidemark.source.KeyRange;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSource;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies one database into another in a single streaming pass: a consistent snapshot session on the
 * source feeds an all-or-nothing restore session on the target, table by table, with no archive in
 * between. Where the sessions allow it, a table is exported as several key ranges at once and loaded on
 * several target connections at once, all through one {@link RowPipe}.
 */
final class Migrator {
    private final int parallelism;
    private final long rangeBytes;

    /**
     * @param parallelism exports and loads at once, where the source and target allow it ({@code SNAPSHOTS_PARALLELISM})
     * @param rangeBytes  about how much CSV one exported key range, and one load statement, holds
     *                    ({@code SNAPSHOTS_PART_SIZE}, as in snapshots)
     */
    Migrator(int parallelism, long rangeBytes) {
        if (parallelism < 1 || rangeBytes < 1) {
            throw new IllegalArgumentException("parallelism and range size must be at least 1");
        }
        this.parallelism = parallelism;
        this.rangeBytes = rangeBytes;
    }

    RestoreResult migrate(Connector source, Connector target, boolean replace, SnapshotMode mode, JobProgress progress) {
        String operation = "migration from " + source.describe() + " to " + target.describe();
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "tidemark-migrate");
            thread.setDaemon(true);
            return thread;
        });
        progress.phase(Phase.READING_SCHEMA);
        try (SnapshotSession snapshot = source.openSnapshot(mode, parallelism);
             RestoreSession restore = target.openRestore(parallelism)) {
            Schema schema = snapshot.schema();
            List<String> warnings = new ArrayList<>(snapshot.warnings());
            warnings.addAll(restore.prepare(schema, replace));
            progress.phase(Phase.LOADING);
            long total = 0;
            for (Table table : schema.tables()) {
                progress.table(table.name());
                total += copyTable(snapshot, restore, table, workers, progress);
            }
            snapshot.close();
            progress.phase(Phase.INDEXING);
            restore.finish(schema);
            progress.phase(Phase.COMMITTING);
            restore.commit();
            progress.phase(Phase.DONE);
            return new RestoreResult(null, target.describe(), schema.tables().size(), total, warnings);
        } catch (Exception e) {
            throw Failures.map(e, operation, ErrorKind.DATABASE_ERROR);
        } finally {
            workers.shutdownNow();
        }
    }

    private long copyTable(SnapshotSession snapshot, RestoreSession restore, Table table, ExecutorService workers,
                           JobProgress progress) throws Exception {
        List<KeyRange> ranges = snapshot.parallelism() > 1 ? snapshot.split(table, rangeBytes) : List.of(KeyRange.ALL);
        int exporters = Math.min(Math.min(parallelism, snapshot.parallelism()), ranges.size());
        int loaders = Math.min(parallelism, restore.parallelism());
        RowPipe pipe = new RowPipe(exporters);
        Queue<KeyRange> unexported = new ConcurrentLinkedQueue<>(ranges);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong exported = new AtomicLong();
        AtomicLong loaded = new AtomicLong();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < exporters; i++) {
            running.add(workers.submit(() -> export(snapshot, table, unexported, pipe.producer(), exported, failure, progress)));
        }
        for (int i = 0; i < loaders; i++) {
            running.add(workers.submit(() -> {
                try {
                    RowSource rows = pipe.source();
                    // one load is one statement, of about a range's size; see ParallelLoad.LOAD_BYTES for why
                    for (boolean more = true; more; ) {
                        BoundedRows bounded = new BoundedRows(rows, rangeBytes);
                        loaded.addAndGet(restore.load(table, bounded));
                        more = bounded.stoppedEarly();
                    }
                } catch (Exception | Error e) {
                    failure.compareAndSet(null, e);
                    pipe.cancel();
                }
            }));
        }
        for (Future<?> worker : running) {
            worker.get();
        }
        WorkerFailures.rethrow(failure.get());
        if (loaded.get() != exported.get()) {
            throw new TidemarkException(ErrorKind.DATABASE_ERROR, "table " + table.name() + ": the target accepted "
                    + loaded.get() + " of " + exported.get() + " rows", "nothing was committed; check the target's constraints");
        }
        return loaded.get();
    }

    /** The rows of a source up to about a number of bytes of values; the rest stays in the source for the next load. */
    private static final class BoundedRows implements RowSource {
        private final RowSource source;
        private final long maxBytes;
        private long bytes;
        private boolean stoppedEarly;

        BoundedRows(RowSource source, long maxBytes) {
            this.source = source;
            this.maxBytes = maxBytes;
        }

        @Override
        public String[] next() throws java.io.IOException {
            if (bytes >= maxBytes) {
                stoppedEarly = true;
                return null;
            }
            String[] row = source.next();
            if (row != null) {
                bytes += row.length;
                for (String value : row) {
                    bytes += value == null ? 0 : value.length();
                }
            }
            return row;
        }

        boolean stoppedEarly() {
            return stoppedEarly;
        }
    }

    /** Exports ranges of {@code table} until none is left, rows in range order, into one producer of the pipe. */
    private static void export(SnapshotSession snapshot, Table table, Queue<KeyRange> unexported, RowPipe.Producer producer,
                               AtomicLong exported, AtomicReference<Throwable> failure, JobProgress progress) {
        CountingSink counter = new CountingSink(producer, progress);
        long[] rows = {0};
        try {
            for (KeyRange range = unexported.poll(); range != null; range = unexported.poll()) {
                snapshot.exportTable(table, range, values -> {
                    counter.accept(values);
                    rows[0]++;
                });
            }
            counter.flush();
            exported.addAndGet(rows[0]);
            producer.finish();
        } catch (Exception | Error e) {
            failure.compareAndSet(null, e);
            producer.fail(e);
        }
    }
}

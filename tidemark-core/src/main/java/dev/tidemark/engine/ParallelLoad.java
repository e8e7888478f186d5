package dev.tidemark.engine;

import dev.tidemark.archive.ArchivePart;
import dev.tidemark.archive.StagedRecords;
import dev.tidemark.dialect.CsvImport;
import dev.tidemark.dialect.RestoreSession;
import dev.tidemark.schema.Table;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads the parts of an archive into a restore session on several threads at once, for sessions that allow
 * it ({@link RestoreSession#parallelism()}). The archive is one stream, so the calling thread copies each part's
 * records (checked, hashed and counted by the reader on the way) into an encrypted staging file and queues it;
 * loader threads take the copies and load them. At most {@code 2 × parallelism + 1} copies exist at once: the
 * queue, one per loader, and the one being copied.
 */
final class ParallelLoad implements AutoCloseable {
    private final RestoreSession session;
    private final Path spoolDir;
    private final JobProgress progress;
    private final int parallelism;
    private final BlockingQueue<StagedRecords> queue;
    private final ExecutorService loaders;
    private final List<java.util.concurrent.Future<?>> running = new ArrayList<>();
    private final Map<String, Long> loaded = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Set once every part has been submitted: loaders end when the queue is empty. */
    private volatile boolean submitted;

    ParallelLoad(RestoreSession session, int parallelism, Path spoolDir, JobProgress progress) {
        this.session = session;
        this.parallelism = parallelism;
        this.spoolDir = spoolDir;
        this.progress = progress;
        this.queue = new ArrayBlockingQueue<>(parallelism);
        AtomicInteger threads = new AtomicInteger();
        this.loaders = Executors.newFixedThreadPool(parallelism, r -> {
            Thread thread = new Thread(r, "tidemark-load-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < parallelism; i++) {
            running.add(loaders.submit(this::loadQueued));
        }
    }

    /** Copies {@code part} and queues it for a loader; waits while the queue is full. Throws a loader's failure. */
    void submit(ArchivePart part) throws Exception {
        WorkerFailures.rethrow(failure.get());
        StagedRecords copy = StagedRecords.copy(part, spoolDir);
        try {
            while (!queue.offer(copy, 100, TimeUnit.MILLISECONDS)) {
                WorkerFailures.rethrow(failure.get());
            }
        } catch (Exception e) {
            copy.discard();
            throw e;
        }
    }

    /** Waits until every queued part is loaded; returns the rows loaded per table. Throws a loader's failure. */
    Map<String, Long> finish() throws Exception {
        submitted = true;
        for (var loader : running) {
            try {
                loader.get();
            } catch (java.util.concurrent.ExecutionException e) {
                // the loader recorded its failure before ending
            }
        }
        WorkerFailures.rethrow(failure.get());
        return Map.copyOf(loaded);
    }

    private void loadQueued() {
        try {
            while (true) {
                StagedRecords copy = queue.poll(100, TimeUnit.MILLISECONDS);
                if (copy == null) {
                    if (failure.get() != null) {
                        return;
                    }
                    if (!submitted) {
                        continue;
                    }
                    // every submit has returned: what is not queued now has been taken
                    copy = queue.poll();
                    if (copy == null) {
                        return;
                    }
                }
                try {
                    if (failure.get() == null) {
                        long rows = load(copy);
                        loaded.merge(copy.table().name(), rows, Long::sum);
                        progress.addRows(rows);
                    }
                } finally {
                    copy.discard();
                }
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            discardQueued();
        }
    }

    private long load(StagedRecords copy) throws Exception {
        Table table = copy.table();
        progress.table(table.name());
        Optional<CsvImport> csvImport = session.csvImport(table);
        if (csvImport.isPresent()) {
            try (var records = copy.records()) {
                return csvImport.get().load(table, records);
            }
        }
        return session.load(table, new InterruptibleRows(copy.rows()));
    }

    private void discardQueued() {
        for (StagedRecords copy = queue.poll(); copy != null; copy = queue.poll()) {
            copy.discard();
        }
    }

    /** Stops the loaders (an unfinished restore is abandoned) and deletes every staged copy. */
    @Override
    public void close() throws InterruptedException {
        failure.compareAndSet(null, new InterruptedIOException("the restore ended"));
        discardQueued();
        loaders.shutdownNow();
        loaders.awaitTermination(30, TimeUnit.SECONDS);
        discardQueued();
    }
}

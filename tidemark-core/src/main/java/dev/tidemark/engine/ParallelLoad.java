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
 * it ({@link RestoreSession#parallelism()}). The archive is one stream, read by the calling thread, which checks,
 * hashes and counts every record on the way (in {@link ArchivePart}) and hands the records to loader threads:
 * <ul>
 *   <li>for tables the session loads from the archive's CSV ({@link RestoreSession#csvImport}), in blocks of whole
 *   records held in memory; a loader streams the blocks it takes into one load for as long as they belong to the
 *   same table, so every loader stays busy however the parts are sized;</li>
 *   <li>for other tables, part by part, each copied into an encrypted staging file first.</li>
 * </ul>
 * At most {@code 2 × parallelism + 1} blocks or copies exist at once: the queue, one per loader, and the one
 * being filled.
 */
final class ParallelLoad implements AutoCloseable {
    /** About how many bytes of records one block holds. */
    static final int BLOCK_BYTES = 1 << 20;

    private final RestoreSession session;
    private final Path spoolDir;
    private final JobProgress progress;
    private final BlockingQueue<Work> queue;
    private final ExecutorService loaders;
    private final List<java.util.concurrent.Future<?>> running = new ArrayList<>();
    private final Map<String, Long> loaded = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Set once every part has been submitted: loaders end when the queue is empty. */
    private volatile boolean submitted;

    /** What a loader takes from the queue. */
    private sealed interface Work permits Staged, Block {
        Table table();

        void discard();
    }

    private record Staged(StagedRecords copy) implements Work {
        @Override
        public Table table() {
            return copy.table();
        }

        @Override
        public void discard() {
            copy.discard();
        }
    }

    private record Block(Table table, byte[] bytes, int length) implements Work {
        @Override
        public void discard() {
            // memory only
        }
    }

    ParallelLoad(RestoreSession session, int parallelism, Path spoolDir, JobProgress progress) {
        this.session = session;
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

    /** Reads {@code part} and queues its records for the loaders; waits while the queue is full. Throws a loader's failure. */
    void submit(ArchivePart part) throws Exception {
        WorkerFailures.rethrow(failure.get());
        try {
            if (session.csvImport(part.table()).isPresent()) {
                part.csvRecordBlocks(BLOCK_BYTES, (bytes, length) -> enqueue(new Block(part.table(), bytes, length)));
            } else {
                enqueue(new Staged(StagedRecords.copy(part, spoolDir)));
            }
        } catch (LoaderFailed e) {
            WorkerFailures.rethrow(failure.get());
            throw e;
        }
    }

    /** Stops the reading of a part when a loader has failed; {@link #submit} throws that failure instead. */
    private static final class LoaderFailed extends InterruptedIOException {
        private static final long serialVersionUID = 1L;
    }

    private void enqueue(Work work) throws java.io.IOException {
        try {
            while (!queue.offer(work, 100, TimeUnit.MILLISECONDS)) {
                if (failure.get() != null) {
                    throw new LoaderFailed();
                }
            }
        } catch (InterruptedException e) {
            work.discard();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing records to a loader");
        } catch (java.io.IOException | RuntimeException | Error e) {
            work.discard();
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
        Work pending = null;
        try {
            while (true) {
                Work work = pending != null ? pending : nextWork();
                pending = null;
                if (work == null) {
                    return;
                }
                try {
                    if (failure.get() != null) {
                        continue;
                    }
                    progress.table(work.table().name());
                    long rows;
                    if (work instanceof Block block) {
                        BlockStream blocks = new BlockStream(block);
                        try {
                            rows = session.csvImport(block.table()).orElseThrow().load(block.table(), blocks);
                        } catch (Throwable e) {
                            if (blocks.next != null) {
                                blocks.next.discard();
                            }
                            throw e;
                        }
                        pending = blocks.next;
                    } else {
                        rows = load(((Staged) work).copy());
                    }
                    loaded.merge(work.table().name(), rows, Long::sum);
                    progress.addRows(rows);
                } finally {
                    work.discard();
                }
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            if (pending != null) {
                pending.discard();
            }
            discardQueued();
        }
    }

    /** The next queued work, or null once everything has been submitted and taken (or a load failed). */
    private Work nextWork() throws InterruptedException {
        while (true) {
            Work work = queue.poll(100, TimeUnit.MILLISECONDS);
            if (work != null) {
                return work;
            }
            if (failure.get() != null) {
                return null;
            }
            if (submitted) {
                // every submit has returned: what is not queued now has been taken
                return queue.poll();
            }
        }
    }

    private long load(StagedRecords copy) throws Exception {
        Table table = copy.table();
        Optional<CsvImport> csvImport = session.csvImport(table);
        if (csvImport.isPresent()) {
            try (var records = copy.records()) {
                return csvImport.get().load(table, records);
            }
        }
        return session.load(table, new InterruptibleRows(copy.rows()));
    }

    /**
     * The records of queued blocks of one table, as one stream: it ends before the first block of another table
     * (left in {@link #next} for the loader's next load) or when nothing more is coming.
     */
    private final class BlockStream extends java.io.InputStream {
        private Block current;
        private int position;
        private Work next;
        private boolean ended;

        BlockStream(Block first) {
            this.current = first;
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws java.io.IOException {
            if (length == 0) {
                return 0;
            }
            while (position == current.length()) {
                if (ended || !advance()) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(length, current.length() - position);
            System.arraycopy(current.bytes(), position, target, offset, n);
            position += n;
            return n;
        }

        @Override
        public long transferTo(java.io.OutputStream out) throws java.io.IOException {
            long total = 0;
            while (true) {
                if (position < current.length()) {
                    out.write(current.bytes(), position, current.length() - position);
                    total += current.length() - position;
                    position = current.length();
                }
                if (ended || !advance()) {
                    ended = true;
                    return total;
                }
            }
        }

        /** Moves to the next block of the same table; false at the end of this table's run of blocks. */
        private boolean advance() throws java.io.IOException {
            Work work;
            try {
                work = nextWork();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("the restore was interrupted");
            }
            Throwable failed = failure.get();
            if (failed != null) {
                if (work != null) {
                    work.discard();
                }
                throw new InterruptedIOException("another loader failed: " + failed.getMessage());
            }
            if (work instanceof Block block && block.table().name().equals(current.table().name())) {
                current = block;
                position = 0;
                return true;
            }
            next = work;
            return false;
        }
    }

    private void discardQueued() {
        for (Work work = queue.poll(); work != null; work = queue.poll()) {
            work.discard();
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

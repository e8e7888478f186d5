package dev.tidemark.engine;

import dev.tidemark.archive.ArchivePart;
import dev.tidemark.archive.RecordRows;
import dev.tidemark.source.CsvImport;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.schema.Table;
import java.io.InterruptedIOException;
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
 * hashes and counts every record on the way (in {@link ArchivePart}) and hands the records to loader threads in
 * blocks of whole records held in memory ({@link ArchivePart#csvRecordBlocks}). A loader streams the blocks it
 * takes into one load for as long as they belong to the same table — as CSV for sessions that read the archive's
 * CSV ({@link RestoreSession#csvImport}), as parsed rows otherwise — so every loader stays busy however the parts
 * are sized, and nothing is staged on disk. At most {@code 2 × parallelism + 1} blocks exist at once: the queue,
 * one per loader, and the one being filled.
 */
final class ParallelLoad implements AutoCloseable {
    /** About how many bytes of records one block holds. */
    static final int BLOCK_BYTES = 1 << 20;
    /**
     * About how many bytes one load takes before the loader starts another: a load is one statement, and
     * MariaDB's first insert into an empty table locks the whole table until that statement ends, so no load
     * may keep the other loaders waiting for long (they give up after innodb_lock_wait_timeout).
     */
    static final long LOAD_BYTES = 64L << 20;

    private final RestoreSession session;
    private final long loadBytes;
    private final JobProgress progress;
    private final BlockingQueue<Block> queue;
    private final ExecutorService loaders;
    private final List<java.util.concurrent.Future<?>> running = new ArrayList<>();
    private final Map<String, Long> loaded = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Set once every part has been submitted: loaders end when the queue is empty. */
    private volatile boolean submitted;

    /** Whole records of one table: {@code bytes[0 .. length)}. */
    private record Block(Table table, byte[] bytes, int length) {
    }

    ParallelLoad(RestoreSession session, int parallelism, JobProgress progress) {
        this(session, parallelism, progress, LOAD_BYTES);
    }

    /** @param loadBytes about how many bytes one load takes (see {@link #LOAD_BYTES}) */
    ParallelLoad(RestoreSession session, int parallelism, JobProgress progress, long loadBytes) {
        this.loadBytes = loadBytes;
        this.session = session;
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
            part.csvRecordBlocks(BLOCK_BYTES, (bytes, length) -> enqueue(new Block(part.table(), bytes, length)));
        } catch (LoaderFailed e) {
            WorkerFailures.rethrow(failure.get());
            throw e;
        }
    }

    /** Stops the reading of a part when a loader has failed; {@link #submit} throws that failure instead. */
    private static final class LoaderFailed extends InterruptedIOException {
        private static final long serialVersionUID = 1L;
    }

    private void enqueue(Block block) throws java.io.IOException {
        try {
            while (!queue.offer(block, 100, TimeUnit.MILLISECONDS)) {
                if (failure.get() != null) {
                    throw new LoaderFailed();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing records to a loader");
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
            Block next = nextBlock();
            while (next != null && failure.get() == null) {
                Table table = next.table();
                progress.table(table.name());
                BlockStream blocks = new BlockStream(next);
                Optional<CsvImport> csvImport = session.csvImport(table);
                long rows = csvImport.isPresent() ? csvImport.get().load(table, blocks)
                        : session.load(table, new InterruptibleRows(RecordRows.parse(blocks, table)));
                loaded.merge(table.name(), rows, Long::sum);
                progress.addRows(rows);
                next = blocks.next;
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            queue.clear();
        }
    }

    /** The next queued block, or null once everything has been submitted and taken (or a load failed). */
    private Block nextBlock() throws InterruptedException {
        while (true) {
            Block block = queue.poll(100, TimeUnit.MILLISECONDS);
            if (block != null) {
                return block;
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

    /**
     * The records of queued blocks of one table, as one stream: it ends before the first block of another table,
     * or of the same table once about {@link #loadBytes} have passed (left in {@link #next} for the loader's next
     * load), or when nothing more is coming.
     */
    private final class BlockStream extends java.io.InputStream {
        private Block current;
        private int position;
        private Block next;
        private boolean ended;
        private long passed;

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
            Block block;
            try {
                block = nextBlock();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("the restore was interrupted");
            }
            Throwable failed = failure.get();
            if (failed != null) {
                throw new InterruptedIOException("another loader failed: " + failed.getMessage());
            }
            passed += current.length();
            if (block != null && block.table().name().equals(current.table().name()) && passed < loadBytes) {
                current = block;
                position = 0;
                return true;
            }
            next = block;
            return false;
        }
    }

    /** Stops the loaders (an unfinished restore is abandoned) and drops every queued block. */
    @Override
    public void close() throws InterruptedException {
        failure.compareAndSet(null, new InterruptedIOException("the restore ended"));
        queue.clear();
        loaders.shutdownNow();
        loaders.awaitTermination(30, TimeUnit.SECONDS);
        queue.clear();
    }
}

package dev.tidemark.engine;

import dev.tidemark.archive.ArchiveOptions;
import dev.tidemark.archive.ArchiveProgress;
import dev.tidemark.archive.ArchiveWriter;
import dev.tidemark.archive.SegmentWriter;
import dev.tidemark.archive.StagedPart;
import dev.tidemark.source.CsvExport;
import dev.tidemark.source.KeyRange;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.schema.Table;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exports every table of a snapshot session into an archive with several exports running at once, while
 * the archive keeps exactly the layout of a one-at-a-time export (tables in schema order, rows in key order).
 *
 * <p>Large tables are cut into key ranges ({@link SnapshotSession#split}); tables and ranges form a list of
 * segments in archive order. Worker threads take segments in that order and write each into its own
 * {@link SegmentWriter}; the calling thread appends the finished parts to the archive strictly in order, so
 * compression runs alongside the exports even with one worker. Parts of segments ahead of the one being
 * appended wait in their encrypted staging files; once {@code parallelism + 2} parts wait, workers ahead pause
 * (the one feeding the archive never does), which bounds the staging disk to {@link #maxStagingFiles()} parts.
 *
 * <p>Not reusable: one instance runs one export. Close it after the session, so that workers stuck in a read
 * are released by the closed session before {@link #close()} waits for them.
 */
final class ParallelExport implements AutoCloseable {
    /** Parts of the segment being appended that may wait; keeps its worker a little ahead of compression. */
    private static final int HEAD_QUEUE = 2;

    private final int parallelism;
    private final ArchiveOptions options;
    private final JobProgress progress;
    private final ExecutorService workers;
    private final int stagingLimit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicInteger nextSegment = new AtomicInteger();
    private List<Segment> segments = List.of();
    private int head;
    private int staged;
    private Throwable failure;

    ParallelExport(int parallelism, ArchiveOptions options, JobProgress progress) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.parallelism = parallelism;
        this.options = options;
        this.progress = progress;
        this.stagingLimit = parallelism + 2;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(parallelism, r -> {
            Thread thread = new Thread(r, "tidemark-export-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The most staging files that exist at once: the waiting parts (the segment being appended may add
     * {@link #HEAD_QUEUE} beyond the limit), the part being appended, and one per export being filled or
     * handed over.
     */
    int maxStagingFiles() {
        return stagingLimit + HEAD_QUEUE + 1 + parallelism;
    }

    /** Exports every table of {@code session} into {@code writer}, ending each table; returns when all are appended. */
    void run(SnapshotSession session, ArchiveWriter writer) throws Exception {
        int exports = Math.min(parallelism, session.parallelism());
        segments = plan(session, exports);
        ArchiveProgress counter = (table, rows, bytes) -> {
            progress.addRows(rows);
            progress.addBytes(bytes);
        };
        for (int i = 0; i < Math.min(exports, segments.size()); i++) {
            workers.execute(() -> exportSegments(session, counter));
        }
        try {
            for (int i = 0; i < segments.size(); i++) {
                appendSegment(i, writer);
            }
        } catch (Throwable e) {
            fail(e);
            throw e;
        }
        WorkerFailures.rethrow(failure());
    }

    private List<Segment> plan(SnapshotSession session, int exports) throws Exception {
        // about one part per range: ranges ahead of the archive then wait as a part or two each
        long targetBytes = options.partSizeBytes();
        List<Segment> planned = new ArrayList<>();
        for (Table table : session.schema().tables()) {
            List<KeyRange> ranges = exports > 1 ? session.split(table, targetBytes) : List.of(KeyRange.ALL);
            for (int i = 0; i < ranges.size(); i++) {
                planned.add(new Segment(table, ranges.get(i), i == ranges.size() - 1));
            }
        }
        return List.copyOf(planned);
    }

    private void exportSegments(SnapshotSession session, ArchiveProgress counter) {
        for (int index = nextSegment.getAndIncrement(); index < segments.size() && failure() == null;
             index = nextSegment.getAndIncrement()) {
            Segment segment = segments.get(index);
            int position = index;
            SegmentWriter writer = new SegmentWriter(segment.table, options, part -> offer(position, part), counter);
            try {
                export(session, segment, writer);
                writer.close();
            } catch (Throwable e) {
                writer.discard();
                fail(e);
                return;
            }
            lock.lock();
            try {
                segment.done = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private static void export(SnapshotSession session, Segment segment, SegmentWriter writer) throws Exception {
        Optional<CsvExport> csv = session.csvExport();
        if (csv.isPresent()) {
            try (OutputStream records = writer.csvRecords()) {
                csv.get().exportTable(segment.table, segment.range, records);
            }
        } else {
            session.exportTable(segment.table, segment.range, writer);
        }
    }

    /** Called on a worker with a finished part; waits while too many parts are staged ahead of the archive. */
    private void offer(int position, StagedPart part) throws IOException, InterruptedException {
        Segment segment = segments.get(position);
        lock.lockInterruptibly();
        try {
            while (failure == null && (position == head ? segment.ready.size() >= HEAD_QUEUE : staged >= stagingLimit)) {
                changed.await();
            }
            if (failure != null) {
                throw new InterruptedIOException("the snapshot is being abandoned");
            }
            segment.ready.add(part);
            staged++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Appends every part of segment {@code position}, in order, as its worker hands them over. */
    private void appendSegment(int position, ArchiveWriter writer) throws Exception {
        Segment segment = segments.get(position);
        progress.table(segment.table.name());
        while (true) {
            StagedPart part;
            lock.lockInterruptibly();
            try {
                while (failure == null && segment.ready.isEmpty() && !segment.done) {
                    changed.await();
                }
                WorkerFailures.rethrow(failure);
                part = segment.ready.poll();
                if (part != null) {
                    staged--;
                } else {
                    head = position + 1;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (part == null) {
                break;
            }
            writer.append(segment.table, part);
        }
        if (segment.lastOfTable) {
            writer.endTable(segment.table);
        }
    }

    private Throwable failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    /** Records the first failure, wakes everyone, and deletes every staged part; later parts are refused. */
    private void fail(Throwable e) {
        lock.lock();
        try {
            if (failure == null) {
                failure = e;
            }
            for (Segment segment : segments) {
                for (StagedPart part = segment.ready.poll(); part != null; part = segment.ready.poll()) {
                    part.discard();
                }
            }
            staged = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the workers (an unfinished export is abandoned and its staged parts deleted) and waits for them, so
     * no staging file outlives the snapshot.
     */
    @Override
    public void close() throws InterruptedException {
        fail(new InterruptedIOException("the snapshot ended"));
        workers.shutdownNow();
        workers.awaitTermination(30, TimeUnit.SECONDS);
    }

    private static final class Segment {
        final Table table;
        final KeyRange range;
        final boolean lastOfTable;
        final ArrayDeque<StagedPart> ready = new ArrayDeque<>();
        boolean done;

        Segment(Table table, KeyRange range, boolean lastOfTable) {
            this.table = table;
            this.range = range;
            this.lastOfTable = lastOfTable;
        }
    }
}

package dev.tidemark.engine;

import dev.tidemark.source.RowSink;
import dev.tidemark.source.RowSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connects pushing exporters ({@link RowSink}) to pulling loaders ({@link RowSource}) through a bounded
 * queue of row batches, so a migration streams with constant memory and without an archive in between.
 * A pipe is made for a fixed number of producers, each used from one thread; any number of consumers, each
 * on its own thread, share the rows between them (every row reaches exactly one consumer) and all see the end
 * once every producer has finished.
 */
final class RowPipe {
    private static final int BATCH_ROWS = 512;
    private static final int QUEUED_BATCHES = 16;
    private static final List<String[]> END = List.of();

    private final BlockingQueue<List<String[]>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final AtomicInteger unfinishedProducers;
    private volatile boolean cancelled;
    private volatile Throwable producerFailure;

    /** A pipe for one producer. */
    RowPipe() {
        this(1);
    }

    RowPipe(int producers) {
        if (producers < 1) {
            throw new IllegalArgumentException("a pipe needs a producer");
        }
        this.unfinishedProducers = new AtomicInteger(producers);
    }

    /**
     * One producer's side (at most as many as the pipe was made for). Call {@link Producer#finish()} after its
     * last row, {@link Producer#fail} on error.
     */
    Producer producer() {
        return new Producer();
    }

    /** A consumer's side; one per consuming thread. */
    RowSource source() {
        return new RowSource() {
            private List<String[]> batch = List.of();
            private int position;
            private boolean ended;

            @Override
            public String[] next() throws IOException {
                while (position >= batch.size()) {
                    if (ended) {
                        return null;
                    }
                    batch = take();
                    position = 0;
                    if (batch == END) {
                        ended = true;
                        // the other consumers need to see the end as well; the queue has room, nobody else puts now
                        queue.offer(END);
                        if (producerFailure != null) {
                            throw new IOException("reading the source failed: " + producerFailure.getMessage(), producerFailure);
                        }
                        if (cancelled) {
                            throw new InterruptedIOException("another loader of this table stopped");
                        }
                        return null;
                    }
                }
                return batch.get(position++);
            }
        };
    }

    /** Tells the producers, and the other consumers, to stop: a consumer gave up. */
    void cancel() {
        cancelled = true;
        queue.clear();
        queue.offer(END);
    }

    private List<String[]> take() throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for source rows");
        }
    }

    final class Producer implements RowSink {
        private List<String[]> batch = new ArrayList<>(BATCH_ROWS);

        @Override
        public void accept(String[] values) throws IOException {
            batch.add(values.clone());
            if (batch.size() >= BATCH_ROWS) {
                put(batch);
                batch = new ArrayList<>(BATCH_ROWS);
            }
        }

        void finish() throws IOException {
            if (!batch.isEmpty()) {
                put(batch);
            }
            if (unfinishedProducers.decrementAndGet() == 0) {
                put(END);
            }
        }

        /** Ends the pipe with {@code failure}: consumers throw it, other producers stop. */
        void fail(Throwable failure) {
            if (producerFailure == null) {
                producerFailure = failure;
            }
            queue.clear();
            queue.offer(END);
        }

        private void put(List<String[]> rows) throws IOException {
            try {
                while (!queue.offer(rows, 100, TimeUnit.MILLISECONDS) || cancelled || producerFailure != null) {
                    if (cancelled) {
                        throw new InterruptedIOException("the target stopped loading");
                    }
                    if (producerFailure != null) {
                        throw new InterruptedIOException("another export of this table failed");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while passing rows to the target");
            }
        }
    }
}

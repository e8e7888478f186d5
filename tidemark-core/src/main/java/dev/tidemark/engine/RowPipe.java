package dev.tidemark.engine;

import dev.tidemark.dialect.RowSink;
import dev.tidemark.dialect.RowSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Connects a pushing exporter ({@link RowSink}) to a pulling loader ({@link RowSource}) through a
 * bounded queue of row batches, so a migration streams table by table with constant memory and
 * without an archive in between. Used from exactly one producer and one consumer thread.
 */
final class RowPipe {
    private static final int BATCH_ROWS = 512;
    private static final int QUEUED_BATCHES = 16;
    private static final List<String[]> END = List.of();

    private final BlockingQueue<List<String[]>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private volatile boolean cancelled;
    private volatile Throwable producerFailure;

    /** The producer side. Call {@link Producer#finish()} after the last row, {@link Producer#fail} on error. */
    Producer producer() {
        return new Producer();
    }

    /** The consumer side. */
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
                        if (producerFailure != null) {
                            throw new IOException("reading the source failed: " + producerFailure.getMessage(), producerFailure);
                        }
                        return null;
                    }
                }
                return batch.get(position++);
            }
        };
    }

    /** Tells the producer to stop: the consumer gave up. */
    void cancel() {
        cancelled = true;
        queue.clear();
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
            put(END);
        }

        void fail(Throwable failure) {
            producerFailure = failure;
            queue.clear();
            queue.offer(END);
        }

        private void put(List<String[]> rows) throws IOException {
            try {
                while (!queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                    if (cancelled) {
                        throw new InterruptedIOException("the target stopped loading");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while passing rows to the target");
            }
        }
    }
}

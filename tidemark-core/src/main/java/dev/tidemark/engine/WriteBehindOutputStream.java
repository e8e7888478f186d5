package dev.tidemark.engine;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands written bytes to a thread of its own, which writes them to the target stream, so that what the
 * target does with them (encrypting, hashing, uploading) overlaps with producing them. At most
 * {@code CHUNKS} chunks wait. A failure of the target is thrown, as the same exception, by the next
 * {@link #write}, {@link #finish()} or {@link #close()}. Used by one producing thread.
 */
final class WriteBehindOutputStream extends OutputStream {
    private static final int CHUNK_BYTES = 256 * 1024;
    private static final int CHUNKS = 8;
    private static final byte[] END = new byte[0];

    private final OutputStream target;
    private final boolean closeTarget;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread writer;
    private volatile Throwable failure;
    private volatile boolean abandoned;
    private byte[] chunk = new byte[CHUNK_BYTES];
    private int filled;
    private boolean finished;

    /** @param closeTarget whether {@link #close()} also closes {@code target} (after writing everything) */
    WriteBehindOutputStream(OutputStream target, boolean closeTarget, String threadName) {
        this.target = target;
        this.closeTarget = closeTarget;
        this.writer = new Thread(this::drain, threadName);
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == chunk.length) {
            handOver();
        }
        chunk[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == chunk.length) {
                handOver();
            }
            int n = Math.min(length, chunk.length - filled);
            System.arraycopy(bytes, offset, chunk, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    /** Nothing to do: bytes reach the target when a chunk fills and at {@link #finish()}. */
    @Override
    public void flush() {
    }

    /** Waits until every byte written has reached the target (and the target's own flush); the target stays open. */
    void finish() throws IOException {
        if (finished) {
            WorkerFailures.rethrowIo(failure);
            return;
        }
        finished = true;
        if (filled > 0) {
            handOver();
        }
        enqueue(END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            abandon();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the archive was being written");
        }
        WorkerFailures.rethrowIo(failure);
    }

    /** Writes everything, then closes the target if asked to at construction. */
    @Override
    public void close() throws IOException {
        finish();
        if (closeTarget) {
            target.close();
        }
    }

    /** Stops writing: what is still queued never reaches the target. Never throws. */
    void abandon() {
        abandoned = true;
        queue.clear();
        writer.interrupt();
    }

    private void handOver() throws IOException {
        enqueue(chunk.length == filled ? chunk : java.util.Arrays.copyOf(chunk, filled));
        chunk = new byte[CHUNK_BYTES];
        filled = 0;
    }

    private void enqueue(byte[] bytes) throws IOException {
        try {
            while (!queue.offer(bytes, 100, TimeUnit.MILLISECONDS)) {
                WorkerFailures.rethrowIo(failure);
                if (!writer.isAlive()) {
                    throw new IOException("the archive writer thread has stopped");
                }
            }
        } catch (InterruptedException e) {
            abandon();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the archive was being written");
        }
        WorkerFailures.rethrowIo(failure);
    }

    private void drain() {
        try {
            for (byte[] bytes = queue.take(); bytes != END && !abandoned; bytes = queue.take()) {
                target.write(bytes);
            }
            if (!abandoned) {
                target.flush();
            }
        } catch (InterruptedException e) {
            // abandoned
        } catch (Throwable e) {
            failure = e;
            queue.clear();
        }
    }
}

package dev.tidemark.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream ahead on a thread of its own, so that the work behind the source (reading storage,
 * decrypting, decompressing, checking) overlaps with what the reader does with the bytes. At most
 * {@code CHUNKS} chunks are held. A failure of the source is thrown, as the same exception, once the bytes
 * read before it have been consumed. Used by one consuming thread; {@link #close()} stops the reading thread
 * and waits for it, but does not close the source.
 */
final class ReadAheadInputStream extends InputStream {
    private static final int CHUNK_BYTES = 256 * 1024;
    private static final int CHUNKS = 8;
    private static final byte[] END = new byte[0];

    private final InputStream source;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread reader;
    private volatile Throwable failure;
    private byte[] chunk;
    private int position;
    private boolean ended;

    ReadAheadInputStream(InputStream source, String threadName) {
        this.source = source;
        this.reader = new Thread(this::fill, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public int read() throws IOException {
        if (!ensureChunk()) {
            return -1;
        }
        return chunk[position++] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!ensureChunk()) {
            return -1;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return chunk == null ? 0 : chunk.length - position;
    }

    /** Stops reading ahead and waits for the reading thread to let go of the source. Never throws. */
    @Override
    public void close() {
        ended = true;
        reader.interrupt();
        queue.clear();
        try {
            reader.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean ensureChunk() throws IOException {
        while (chunk == null || position == chunk.length) {
            if (ended) {
                return false;
            }
            byte[] next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the archive");
            }
            if (next == END) {
                ended = true;
                WorkerFailures.rethrowIo(failure);
                return false;
            }
            chunk = next;
            position = 0;
        }
        return true;
    }

    private void fill() {
        try {
            boolean more = true;
            while (more) {
                byte[] buffer = new byte[CHUNK_BYTES];
                int filled = 0;
                try {
                    while (filled < buffer.length) {
                        int n = source.read(buffer, filled, buffer.length - filled);
                        if (n < 0) {
                            break;
                        }
                        filled += n;
                    }
                } catch (Throwable e) {
                    // the bytes read before the failure still go to the consumer, then the failure
                    failure = e;
                }
                more = filled == buffer.length && failure == null;
                if (filled > 0) {
                    queue.put(filled == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, filled));
                }
            }
            queue.put(END);
        } catch (InterruptedException e) {
            // the consumer has gone
        }
    }
}

package dev.tidemark.storage;

import dev.tidemark.error.TidemarkException;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A download that survives a connection lost mid-way: when reading fails, it opens the object again
 * from the first byte not yet read (a range request, conditional on the object being unchanged) and
 * goes on. Gives up after a few failures in a row without progress; reopening itself is retried by
 * the opener.
 */
public final class ResumingInputStream extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(ResumingInputStream.class);
    private static final int MAX_FAILURES_WITHOUT_PROGRESS = 5;

    /** Opens the same object at {@code offset}, failing if it changed since the first opening. */
    @FunctionalInterface
    public interface Opener {
        InputStream openAt(long offset) throws IOException;
    }

    private final String description;
    private final long length;
    private final Opener opener;
    private InputStream current;
    private long position;
    private int failuresWithoutProgress;
    private boolean closed;

    /**
     * @param description what is read, for messages, e.g. {@code snapshots/x from s3://bucket/}
     * @param first       the stream of the first opening, positioned at byte 0
     * @param length      the object's size, as reported by the first opening
     */
    public ResumingInputStream(String description, InputStream first, long length, Opener opener) {
        this.description = description;
        this.current = first;
        this.length = length;
        this.opener = opener;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (closed) {
            throw new IOException("the stream of " + description + " is closed");
        }
        if (count == 0) {
            return 0;
        }
        while (true) {
            try {
                int n = current.read(buffer, offset, count);
                if (n < 0 && position < length) {
                    throw new IOException("the connection ended after " + position + " of " + length + " bytes");
                }
                if (n > 0) {
                    position += n;
                    failuresWithoutProgress = 0;
                }
                return n;
            } catch (NoSuchObjectException e) {
                throw e;
            } catch (IOException e) {
                if (++failuresWithoutProgress > MAX_FAILURES_WITHOUT_PROGRESS) {
                    throw new IOException("reading " + description + " failed at byte " + position + ": " + TidemarkException.reasonOf(e), e);
                }
                LOG.warn("reading {} failed at byte {} of {} ({}); resuming", description, position, length, TidemarkException.reasonOf(e));
                closeQuietly(current);
                current = opener.openAt(position);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            current.close();
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException e) {
            // the connection is already broken; the new one is what matters
        }
    }
}

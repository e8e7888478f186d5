package dev.tidemark.storage;

import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Upload} to an object store that takes an object in parts (S3 multipart uploads, Azure
 * staged blocks): full parts go up while the caller writes, and {@link #commit()} sends the rest and
 * makes the object visible at once. This class holds the part buffer and the open → committed /
 * aborted life cycle every such provider shares; providers supply the three storage calls.
 */
public abstract class PartedUpload implements Upload {
    private static final Logger LOG = LoggerFactory.getLogger(PartedUpload.class);

    private enum State { OPEN, COMMITTED, ABORTED }

    /** The object's name, for messages. */
    protected final String name;
    private final PartedOutputStream stream;
    private State state = State.OPEN;

    protected PartedUpload(String name, PartSizes sizes) {
        this.name = name;
        this.stream = new PartedOutputStream(sizes, this::storePart, name);
    }

    /** Stores one full part while the caller is still writing. */
    protected abstract void storePart(int number, byte[] bytes, int length) throws IOException;

    /**
     * Stores the bytes not yet stored (possibly none) as part {@code number} and makes the whole object
     * visible under its name.
     */
    protected abstract void storeLastPartAndPublish(int number, byte[] bytes, int length) throws IOException;

    /** Removes whatever {@link #storePart} stored; called once, when the upload is aborted. */
    protected abstract void discardParts() throws IOException;

    @Override
    public final OutputStream stream() {
        return stream;
    }

    @Override
    public final void commit() throws IOException {
        if (state == State.COMMITTED) {
            return;
        }
        if (state == State.ABORTED) {
            throw new IOException("upload of " + name + " was aborted or failed; it cannot be committed");
        }
        if (stream.failed()) {
            abort();
            throw new IOException("upload of " + name + " failed while writing; nothing was stored");
        }
        try {
            storeLastPartAndPublish(stream.nextPartNumber(), stream.pendingBytes(), stream.pendingLength());
        } catch (IOException | RuntimeException e) {
            abortQuietly();
            throw e;
        }
        state = State.COMMITTED;
        stream.release();
    }

    @Override
    public final void abort() throws IOException {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        stream.release();
        discardParts();
    }

    /** Aborts after a failure, keeping the original failure as the one the caller sees. */
    protected final void abortQuietly() {
        try {
            abort();
        } catch (IOException | RuntimeException e) {
            // cleanupIncomplete() removes what is left
            LOG.warn("could not abort the failed upload of {}: {}", name, e.getMessage());
        }
    }
}

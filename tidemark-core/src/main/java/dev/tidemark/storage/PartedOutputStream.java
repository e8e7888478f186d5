package dev.tidemark.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * The stream of a remote upload: collects bytes into one part at a time and hands each full part to
 * a {@link PartWriter}, so memory stays bounded by one part whatever the object's size. The last,
 * possibly short, part stays here until the upload commits ({@link #pendingBytes()}). Closing the
 * stream does not commit; after a part failed to be written the stream refuses further writes.
 */
public final class PartedOutputStream extends OutputStream {
    private static final int INITIAL_BUFFER = 64 * 1024;

    /** Stores one full part; parts are numbered from 1 and arrive in order. */
    @FunctionalInterface
    public interface PartWriter {
        void writePart(int number, byte[] bytes, int length) throws IOException;
    }

    private final PartSizes sizes;
    private final PartWriter writer;
    private final String objectName;
    private byte[] buffer;
    private int buffered;
    private int nextPart = 1;
    private boolean closed;
    private IOException failure;

    public PartedOutputStream(PartSizes sizes, PartWriter writer, String objectName) {
        this.sizes = Objects.requireNonNull(sizes, "sizes");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.objectName = Objects.requireNonNull(objectName, "objectName");
        this.buffer = new byte[(int) Math.min(INITIAL_BUFFER, sizes.sizeOf(1))];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureWritable();
        while (length > 0) {
            int partSize = (int) sizes.sizeOf(nextPart);
            if (buffered == partSize) {
                flushPart();
                continue;
            }
            int chunk = Math.min(length, partSize - buffered);
            ensureCapacity(buffered + chunk, partSize);
            System.arraycopy(bytes, offset, buffer, buffered, chunk);
            buffered += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    /** Number of parts handed to the writer so far. */
    public int partsWritten() {
        return nextPart - 1;
    }

    /** The number the next part handed to the writer (or the pending bytes at commit) gets. */
    public int nextPartNumber() {
        return nextPart;
    }

    /** The buffer holding the bytes not yet handed to the writer; valid for {@link #pendingLength()} bytes. */
    public byte[] pendingBytes() {
        return buffer;
    }

    public int pendingLength() {
        return buffered;
    }

    /** Closes the stream for good and releases the buffer's memory after the last part was taken. */
    public void release() {
        closed = true;
        buffer = new byte[0];
        buffered = 0;
    }

    /** Whether a part failed to be written, which makes the upload unusable. */
    public boolean failed() {
        return failure != null;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void flushPart() throws IOException {
        if (nextPart >= sizes.maxParts()) {
            failure = new IOException("object " + objectName + " is larger than the storage allows for one upload ("
                    + sizes.maxObjectSize() + " bytes)");
            throw failure;
        }
        try {
            writer.writePart(nextPart, buffer, buffered);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        nextPart++;
        buffered = 0;
    }

    private void ensureCapacity(int needed, int partSize) {
        if (needed > buffer.length) {
            int grown = (int) Math.min(Math.max((long) buffer.length * 2, needed), partSize);
            buffer = Arrays.copyOf(buffer, grown);
        }
    }

    private void ensureWritable() throws IOException {
        if (failure != null) {
            throw new IOException("upload of " + objectName + " failed earlier: " + failure.getMessage());
        }
        if (closed) {
            throw new IOException("the stream of " + objectName + " is closed");
        }
    }
}

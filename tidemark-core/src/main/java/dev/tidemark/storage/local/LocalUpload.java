package dev.tidemark.storage.local;

import dev.tidemark.storage.Upload;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An object being written to a hidden temporary file next to its final place. Commit makes it durable
 * (fsync of the file), visible (atomic rename) and durable again (fsync of the directory). Any failure
 * on the way removes the temporary file, so a failed upload leaves nothing behind.
 */
final class LocalUpload implements Upload {
    private static final int BUFFER_SIZE = 256 * 1024;

    private enum State { OPEN, COMMITTED, ABORTED }

    private final LocalStorage storage;
    private final LocalFileHooks hooks;
    private final String name;
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream buffered;
    private final UploadStream stream = new UploadStream();
    private volatile State state = State.OPEN;

    LocalUpload(LocalStorage storage, LocalFileHooks hooks, String name, Path target, Path temp, FileChannel channel) {
        this.storage = storage;
        this.hooks = hooks;
        this.name = name;
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.buffered = new BufferedOutputStream(hooks.decorate(Channels.newOutputStream(channel)), BUFFER_SIZE);
    }

    Path tempFile() {
        return temp;
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public synchronized void commit() throws IOException {
        if (state == State.COMMITTED) {
            return;
        }
        if (state == State.ABORTED) {
            throw new IOException("cannot commit " + name + " in " + storage.describe() + ": the upload was aborted");
        }
        try {
            buffered.flush();
            hooks.syncFile(channel);
            // renamed while still open, so the file is locked for as long as it is a temporary file
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            discard();
            throw storage.failure("store", name, e);
        }
        try {
            channel.close();
            hooks.syncDirectory(target.getParent());
        } catch (IOException e) {
            // The rename may not survive a crash, so the object must not be reported as stored.
            state = State.ABORTED;
            storage.forget(this);
            Files.deleteIfExists(target);
            throw storage.failure("store", name, e);
        }
        state = State.COMMITTED;
        storage.forget(this);
    }

    @Override
    public synchronized void abort() throws IOException {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        try {
            channel.close();
        } finally {
            storage.forget(this);
            Files.deleteIfExists(temp);
        }
    }

    /** Abort after a failure: the original error is what the caller needs to see. */
    private void discard() {
        try {
            abort();
        } catch (IOException suppressed) {
            // cleanupIncomplete() removes the temporary file later.
        }
    }

    private void ensureWritable() throws IOException {
        if (state != State.OPEN) {
            throw new IOException("cannot write " + name + ": the upload is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (stream.closed) {
            throw new IOException("cannot write " + name + ": its stream is closed");
        }
    }

    /** Writes through to the temporary file; a failed write discards the upload at once. */
    private final class UploadStream extends OutputStream {
        private volatile boolean closed;

        @Override
        public void write(int b) throws IOException {
            ensureWritable();
            try {
                buffered.write(b);
            } catch (IOException e) {
                discard();
                throw storage.failure("write", name, e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ensureWritable();
            try {
                buffered.write(bytes, offset, length);
            } catch (IOException e) {
                discard();
                throw storage.failure("write", name, e);
            }
        }

        @Override
        public void flush() throws IOException {
            if (state != State.OPEN || closed) {
                return;
            }
            try {
                buffered.flush();
            } catch (IOException e) {
                discard();
                throw storage.failure("write", name, e);
            }
        }

        /** Closing only ends writing; the upload still needs commit() to become visible. */
        @Override
        public void close() throws IOException {
            if (!closed) {
                flush();
                closed = true;
            }
        }
    }
}

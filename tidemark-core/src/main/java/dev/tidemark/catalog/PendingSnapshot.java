package dev.tidemark.catalog;

import dev.tidemark.storage.Upload;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A snapshot archive being stored. Write the archive bytes to {@link #stream()}, then {@link #commit}
 * to store it and publish its index entry; until then the snapshot is not listed. {@link #close()}
 * without commit discards it. Not thread-safe: one writer.
 */
public final class PendingSnapshot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PendingSnapshot.class);

    private enum State { OPEN, COMMITTED, ABORTED }

    private final SnapshotCatalog catalog;
    private final SnapshotId id;
    private final boolean encrypted;
    private final List<String> recipients;
    private final String archive;
    private final Upload upload;
    private final MessageDigest sha256;
    private final MeasuringStream stream;
    private long size;
    private State state = State.OPEN;

    PendingSnapshot(SnapshotCatalog catalog, SnapshotId id, boolean encrypted, List<String> recipients, String archive,
            Upload upload) {
        this.catalog = catalog;
        this.id = id;
        this.encrypted = encrypted;
        this.recipients = List.copyOf(recipients);
        this.archive = archive;
        this.upload = upload;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256", e);
        }
        this.stream = new MeasuringStream(upload.stream());
    }

    public SnapshotId id() {
        return id;
    }

    /**
     * Where the archive's bytes go; they are counted and hashed on the way. Closing it does not
     * commit, so it may be handed to compressors that close what they wrap.
     */
    public OutputStream stream() {
        return stream;
    }

    /**
     * Stores the archive, then writes its index entry, which makes the snapshot listed. If either step
     * fails, nothing is listed and the archive is removed (or left for {@link SnapshotCatalog#cleanupIncomplete()}
     * when even that fails).
     *
     * @param backend  the backend the snapshot was taken from, e.g. {@code postgresql}
     * @param tables   the number of tables, or null not to disclose it
     * @param rows     the number of rows, or null not to disclose it
     * @param warnings what the user should know about the snapshot
     * @return the published index entry
     */
    public SnapshotEntry commit(String backend, Integer tables, Long rows, List<String> warnings) throws IOException {
        java.util.Objects.requireNonNull(backend, "backend");
        if (state != State.OPEN) {
            throw new IllegalStateException("snapshot " + id + " is already " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
        try {
            upload.commit();
        } catch (IOException e) {
            abort();
            throw e;
        }
        state = State.ABORTED; // until the index entry is written, a failure must not leave it "committed"
        SnapshotEntry entry = new SnapshotEntry(id.value(), id.source(), backend, id.createdAt(), archive, size,
                HexFormat.of().formatHex(sha256.digest()), encrypted, tables, rows, SnapshotEntry.CURRENT_FORMAT_VERSION,
                warnings, recipients);
        try {
            catalog.writeIndexEntry(entry);
        } catch (IOException | RuntimeException e) {
            catalog.deleteArchiveQuietly(archive);
            throw e;
        }
        state = State.COMMITTED;
        return entry;
    }

    /** Discards the archive. Idempotent; a no-op after commit. Never throws: leftovers are cleaned up later. */
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        try {
            upload.abort();
        } catch (IOException e) {
            LOG.warn("could not discard the unfinished snapshot {}: {}", id, e.getMessage());
        }
    }

    @Override
    public void close() {
        abort();
    }

    private final class MeasuringStream extends OutputStream {
        private final OutputStream target;

        MeasuringStream(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            target.write(b);
            sha256.update((byte) b);
            size++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ensureOpen();
            target.write(bytes, offset, length);
            sha256.update(bytes, offset, length);
            size += length;
        }

        @Override
        public void flush() throws IOException {
            if (state == State.OPEN) {
                target.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (state == State.OPEN) {
                target.close();
            }
        }

        private void ensureOpen() throws IOException {
            if (state != State.OPEN) {
                throw new IOException("snapshot " + id + " is no longer being written");
            }
        }
    }
}

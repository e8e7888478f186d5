package dev.tidemark.storage.s3;

import dev.tidemark.storage.PartedOutputStream;
import dev.tidemark.storage.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * One object streamed to S3. Full parts go up as a multipart upload while the caller writes; commit
 * completes it, which is what makes the object visible. An object smaller than one part never starts
 * a multipart upload: commit stores it with a single PutObject.
 */
final class S3Upload implements Upload {
    private static final Logger LOG = LoggerFactory.getLogger(S3Upload.class);

    private enum State { OPEN, COMMITTED, ABORTED }

    private final S3Storage storage;
    private final String name;
    private final String key;
    private final PartedOutputStream stream;
    private final List<S3Storage.Part> parts = new ArrayList<>();
    private String uploadId;
    private State state = State.OPEN;

    S3Upload(S3Storage storage, String name, String key) {
        this.storage = storage;
        this.name = name;
        this.key = key;
        this.stream = new PartedOutputStream(storage.partSizes(), this::uploadPart, name);
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public void commit() throws IOException {
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
            byte[] bytes = stream.pendingBytes();
            int length = stream.pendingLength();
            if (uploadId == null) {
                storage.putObject(key, body(bytes, length), length);
            } else {
                if (length > 0) {
                    parts.add(storage.uploadPart(key, uploadId, stream.nextPartNumber(), body(bytes, length), length));
                }
                storage.completeMultipartUpload(key, uploadId, parts);
            }
        } catch (IOException | RuntimeException e) {
            abortQuietly();
            throw e;
        }
        state = State.COMMITTED;
        stream.release();
    }

    @Override
    public void abort() throws IOException {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        stream.release();
        if (uploadId != null) {
            storage.abortMultipartUpload(key, uploadId);
        }
    }

    private void uploadPart(int number, byte[] bytes, int length) throws IOException {
        try {
            if (uploadId == null) {
                uploadId = storage.createMultipartUpload(key);
            }
            parts.add(storage.uploadPart(key, uploadId, number, body(bytes, length), length));
        } catch (IOException | RuntimeException e) {
            abortQuietly();
            throw e;
        }
    }

    private void abortQuietly() {
        try {
            abort();
        } catch (IOException | RuntimeException e) {
            // cleanupIncomplete() removes what is left; the original failure is what the caller needs
            LOG.warn("could not abort the failed upload of {}: {}", name, e.getMessage());
        }
    }

    /** A body that reads the part's buffer without copying it, and can be read again on a retry. */
    private static RequestBody body(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                "application/octet-stream");
    }
}

package dev.tidemark.storage.s3;

import dev.tidemark.storage.PartedUpload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * One object streamed to S3. Full parts go up as a multipart upload while the caller writes; commit
 * completes it, which is what makes the object visible. An object smaller than one part never starts
 * a multipart upload: commit stores it with a single PutObject.
 */
final class S3Upload extends PartedUpload {
    private final S3Storage storage;
    private final String key;
    private final List<S3Storage.Part> parts = new ArrayList<>();
    private String uploadId;

    S3Upload(S3Storage storage, String name, String key) {
        super(name, storage.partSizes());
        this.storage = storage;
        this.key = key;
    }

    @Override
    protected void storePart(int number, byte[] bytes, int length) throws IOException {
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

    @Override
    protected void storeLastPartAndPublish(int number, byte[] bytes, int length) throws IOException {
        if (uploadId == null) {
            storage.putObject(key, body(bytes, length), length);
            return;
        }
        if (length > 0) {
            parts.add(storage.uploadPart(key, uploadId, number, body(bytes, length), length));
        }
        storage.completeMultipartUpload(key, uploadId, parts);
    }

    @Override
    protected void discardParts() throws IOException {
        if (uploadId != null) {
            storage.abortMultipartUpload(key, uploadId);
        }
    }

    /** A body that reads the part's buffer without copying it, and can be read again on a retry. */
    private static RequestBody body(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                "application/octet-stream");
    }
}

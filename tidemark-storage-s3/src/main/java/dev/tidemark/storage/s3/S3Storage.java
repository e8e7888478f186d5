package dev.tidemark.storage.s3;

import dev.tidemark.storage.s3.S3StorageSettings;
import dev.tidemark.storage.NoSuchObjectException;
import dev.tidemark.storage.ObjectNames;
import dev.tidemark.storage.PartSizes;
import dev.tidemark.storage.ResumingInputStream;
import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.StoredObject;
import dev.tidemark.storage.TransientRetry;
import dev.tidemark.storage.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Snapshot objects in an S3 bucket (AWS or an S3-compatible service), under an optional key prefix.
 * Uploads are multipart uploads, invisible until completed; every call is retried on transient
 * failures by {@link TransientRetry}. Thread-safe: the S3 client is shared by concurrent uploads.
 */
public final class S3Storage implements SnapshotStorage {
    private static final Logger LOG = LoggerFactory.getLogger(S3Storage.class);
    /** S3's limits: parts of 5 MiB to 5 GiB, at most 10,000 of them. Doubling every 500 parts reaches ~3.8 TiB. */
    static final PartSizes DEFAULT_PART_SIZES = new PartSizes(8L << 20, 512L << 20, 500, 10_000);
    static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(1);

    /** A stored part of a multipart upload: its number and the ETag S3 returned for it. */
    record Part(int number, String etag) {
    }

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final String location;
    private final TransientRetry retry;
    private final PartSizes partSizes;
    private final Duration staleAfter;

    /**
     * @param client     the S3 client; closed with this storage
     * @param settings   bucket, prefix and endpoint (credentials are the client's)
     * @param retry      how transient failures are retried
     * @param partSizes  sizes of multipart upload parts
     * @param staleAfter how long an unfinished multipart upload must have been started, and without a new
     *                   part, for {@link #cleanupIncomplete()} to abort it
     */
    S3Storage(S3Client client, S3StorageSettings settings, TransientRetry retry, PartSizes partSizes, Duration staleAfter) {
        this.client = client;
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
        this.location = settings.location();
        this.retry = retry;
        this.partSizes = partSizes;
        this.staleAfter = staleAfter;
    }

    @Override
    public String describe() {
        return "s3 " + location;
    }

    /** Lists one key of the bucket, so that a missing bucket or bad credentials show at start-up. */
    void checkReachable(TransientRetry shortRetry) throws IOException {
        shortRetry.run("listing " + location, () -> client.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).maxKeys(1)));
    }

    @Override
    public Upload create(String name) {
        return new S3Upload(this, ObjectNames.requireValid(name), prefix + name);
    }

    /** A streaming read that resumes with a range request, pinned to the object's ETag, when the connection breaks. */
    @Override
    public InputStream open(String name) throws IOException {
        String key = prefix + ObjectNames.requireValid(name);
        String description = name + " from " + location;
        ResponseInputStream<GetObjectResponse> first = retry.run("reading " + description, () -> {
            try {
                return client.getObject(r -> r.bucket(bucket).key(key));
            } catch (NoSuchKeyException e) {
                throw new NoSuchObjectException(name);
            }
        });
        String etag = first.response().eTag();
        long length = first.response().contentLength();
        return new ResumingInputStream(description, new AbortOnEarlyClose(first, length), length,
                offset -> new AbortOnEarlyClose(retry.run("resuming " + description + " at byte " + offset,
                        () -> client.getObject(r -> r.bucket(bucket).key(key).range("bytes=" + offset + "-").ifMatch(etag))),
                        length - offset));
    }

    @Override
    public Optional<StoredObject> stat(String name) throws IOException {
        String key = prefix + ObjectNames.requireValid(name);
        return retry.run("reading the size of " + name + " in " + location, () -> {
            try {
                var head = client.headObject(r -> r.bucket(bucket).key(key));
                return Optional.of(new StoredObject(name, head.contentLength(), seconds(head.lastModified())));
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return Optional.<StoredObject>empty();
                }
                throw e;
            }
        });
    }

    @Override
    public List<StoredObject> list(String namePrefix) throws IOException {
        String keyPrefix = prefix + ObjectNames.requireValidPrefix(namePrefix);
        List<StoredObject> objects = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = retry.run("listing " + location, () -> client.listObjectsV2(
                    r -> r.bucket(bucket).prefix(keyPrefix).continuationToken(continuation)));
            for (S3Object object : page.contents()) {
                String name = object.key().substring(prefix.length());
                if (isValidName(name)) {
                    objects.add(new StoredObject(name, object.size(), seconds(object.lastModified())));
                }
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        objects.sort(Comparator.comparing(StoredObject::name));
        return objects;
    }

    @Override
    public void delete(String name) throws IOException {
        String key = prefix + ObjectNames.requireValid(name);
        retry.run("deleting " + name + " from " + location, () -> client.deleteObject(r -> r.bucket(bucket).key(key)));
    }

    /**
     * Aborts the multipart uploads under the prefix that were started longer ago than the stale age and
     * received no part within it either: a running upload sends a part every few MiB, so one that went
     * quiet that long belongs to a process that is gone.
     */
    @Override
    public int cleanupIncomplete() throws IOException {
        Instant staleBefore = Instant.now().minus(staleAfter);
        int aborted = 0;
        String keyMarker = null;
        String uploadIdMarker = null;
        boolean more;
        do {
            String keys = keyMarker;
            String ids = uploadIdMarker;
            ListMultipartUploadsResponse page = retry.run("listing unfinished uploads in " + location,
                    () -> client.listMultipartUploads(r -> r.bucket(bucket).prefix(prefix).keyMarker(keys).uploadIdMarker(ids)));
            for (MultipartUpload upload : page.uploads()) {
                boolean startedLongAgo = upload.initiated() == null || upload.initiated().isBefore(staleBefore);
                if (startedLongAgo && lastPartAt(upload).map(at -> at.isBefore(staleBefore)).orElse(true)) {
                    LOG.info("aborting the unfinished upload of {} started {}", upload.key(), upload.initiated());
                    abortMultipartUpload(upload.key(), upload.uploadId());
                    aborted++;
                }
            }
            more = Boolean.TRUE.equals(page.isTruncated());
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        } while (more && keyMarker != null);
        return aborted;
    }

    /** When the newest part of {@code upload} was stored; empty when it has none. */
    private Optional<Instant> lastPartAt(MultipartUpload upload) throws IOException {
        Instant newest = null;
        Integer marker = null;
        boolean more;
        do {
            Integer after = marker;
            ListPartsResponse page = retry.run("listing the parts of " + upload.key() + " in " + location,
                    () -> client.listParts(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId())
                            .partNumberMarker(after)));
            for (software.amazon.awssdk.services.s3.model.Part part : page.parts()) {
                if (part.lastModified() != null && (newest == null || part.lastModified().isAfter(newest))) {
                    newest = part.lastModified();
                }
            }
            more = Boolean.TRUE.equals(page.isTruncated());
            marker = page.nextPartNumberMarker();
        } while (more && marker != null);
        return Optional.ofNullable(newest);
    }

    @Override
    public void close() {
        client.close();
    }

    PartSizes partSizes() {
        return partSizes;
    }

    void putObject(String key, RequestBody body, long length) throws IOException {
        retry.run("storing " + key + " in " + location,
                () -> client.putObject(r -> r.bucket(bucket).key(key).contentLength(length), body));
    }

    String createMultipartUpload(String key) throws IOException {
        return retry.run("starting the upload of " + key + " to " + location,
                () -> client.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId());
    }

    Part uploadPart(String key, String uploadId, int number, RequestBody body, long length) throws IOException {
        String etag = retry.run("uploading part " + number + " of " + key + " to " + location,
                () -> client.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                        .contentLength(length), body).eTag());
        return new Part(number, etag);
    }

    void completeMultipartUpload(String key, String uploadId, List<Part> parts) throws IOException {
        List<CompletedPart> completed = parts.stream()
                .map(part -> CompletedPart.builder().partNumber(part.number()).eTag(part.etag()).build()).toList();
        retry.run("completing the upload of " + key + " to " + location, () -> client.completeMultipartUpload(
                r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(completed))));
    }

    void abortMultipartUpload(String key, String uploadId) throws IOException {
        retry.run("aborting the upload of " + key + " to " + location, () -> {
            try {
                return client.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return null; // already gone: aborting is idempotent
                }
                throw e;
            }
        });
    }

    /** HEAD answers in whole seconds (an HTTP date), listings in milliseconds; both report the former. */
    private static Instant seconds(Instant modified) {
        return modified == null ? null : modified.truncatedTo(ChronoUnit.SECONDS);
    }

    private static boolean isValidName(String name) {
        try {
            ObjectNames.requireValid(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false; // a key not written by Tidemark, e.g. a folder marker made by a console
        }
    }
}

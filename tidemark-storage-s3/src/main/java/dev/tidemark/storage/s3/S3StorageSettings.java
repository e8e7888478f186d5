package dev.tidemark.storage.s3;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import dev.tidemark.env.Secret;
import dev.tidemark.storage.StorageSettings;

/**
 * Where the S3 provider keeps snapshots (docs/STORAGE.md). {@link #toString()} shows no credential.
 *
 * @param endpoint        a custom S3-compatible endpoint (MinIO, Ceph, R2) reached with path-style
 *                        requests, or empty for AWS itself
 * @param bucket          the bucket
 * @param prefix          prepended to every object name: empty, or ending in {@code /}
 * @param region          the signing region; {@code auto} for endpoints that do not care
 * @param accessKeyId     the access key id, or empty to use the SDK's default credential chain
 *                        (instance profile, web identity, ~/.aws)
 * @param secretAccessKey the secret access key; present exactly when {@code accessKeyId} is
 */
public record S3StorageSettings(
        Optional<URI> endpoint,
        String bucket,
        String prefix,
        String region,
        Optional<Secret> accessKeyId,
        Optional<Secret> secretAccessKey) implements StorageSettings {

    public S3StorageSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a non-empty prefix ends with '/'");
        }
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException("an access key id needs its secret access key and vice versa");
        }
    }

    /** Bucket, prefix and endpoint, e.g. {@code s3://backups/tidemark/ at http://127.0.0.1:9000}. */
    public String location() {
        return "s3://" + bucket + "/" + prefix + endpoint.map(uri -> " at " + uri).orElse("");
    }

    @Override
    public String provider() {
        return "s3";
    }

    @Override
    public String toString() {
        return "S3StorageSettings[" + location() + ", region=" + region
                + ", credentials=" + (accessKeyId.isPresent() ? "***" : "(default chain)") + "]";
    }
}

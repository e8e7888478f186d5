package dev.tidemark.storage.s3;

import com.adobe.testing.s3mock.S3MockApplication;
import dev.tidemark.storage.s3.S3StorageSettings;
import dev.tidemark.env.Secret;
import dev.tidemark.storage.PartSizes;
import dev.tidemark.storage.TransientRetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-process S3 emulator (S3Mock) on a random loopback port, shared by every test of this module,
 * and fresh buckets for each test.
 */
final class S3Emulator {
    static final String ACCESS_KEY_ID = "tidemark-test-key";
    static final String SECRET_ACCESS_KEY = "tidemark-test-secret-value";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3MockApplication application;

    private S3Emulator() {
    }

    /** The emulator's HTTP port, starting it on first use. */
    @SuppressWarnings("removal") // S3Mock 4.7 has no other way to ask for the plain HTTP port
    static synchronized int port() {
        if (application == null) {
            try {
                Path root = Files.createTempDirectory("tidemark-s3mock");
                application = S3MockApplication.start(new java.util.HashMap<>(Map.of(
                        S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
                        S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
                        S3MockApplication.PROP_ROOT_DIRECTORY, root.toString(),
                        S3MockApplication.PROP_SILENT, true,
                        "server.address", "127.0.0.1")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(application::stop));
        }
        return application.getHttpPort();
    }

    /** A bucket no other test uses, created on the emulator. */
    static String newBucket() {
        String bucket = "bucket-" + BUCKETS.incrementAndGet();
        try (var client = S3StorageFactory.client(settings(port(), bucket, ""))) {
            client.createBucket(r -> r.bucket(bucket));
        }
        return bucket;
    }

    /** Settings for {@code bucket} reached through {@code port} (the emulator's, or a proxy's in front of it). */
    static S3StorageSettings settings(int port, String bucket, String prefix) {
        return new S3StorageSettings(Optional.of(URI.create("http://127.0.0.1:" + port)), bucket, prefix, "auto",
                Optional.of(Secret.of(ACCESS_KEY_ID)), Optional.of(Secret.of(SECRET_ACCESS_KEY)));
    }

    /** Retries as in production, but with short delays so that tests with many injected faults stay quick. */
    static TransientRetry quickRetry(int attempts) {
        return new TransientRetry(attempts, Duration.ofMillis(10), Duration.ofMillis(100), new S3Failures());
    }

    /** Parts of 5 MiB, S3's minimum, so that multipart uploads are exercised with little data. */
    static PartSizes smallParts() {
        return new PartSizes(5L << 20, 5L << 20, 10_000, 10_000);
    }
}

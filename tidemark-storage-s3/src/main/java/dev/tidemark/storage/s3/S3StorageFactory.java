package dev.tidemark.storage.s3;

import dev.tidemark.storage.s3.S3StorageSettings;
import dev.tidemark.env.Environment;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.storage.PartSizes;
import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.StorageProviderFactory;
import dev.tidemark.storage.StorageSettings;
import dev.tidemark.storage.TransientRetry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The {@code s3} provider: builds the S3 client from {@link S3StorageSettings} and checks the bucket. */
public final class S3StorageFactory implements StorageProviderFactory {

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public S3StorageSettings parse(Environment environment, Path dataDir) {
        return new S3SettingsParser(environment).parse();
    }

    @Override
    public SnapshotStorage open(StorageSettings storageSettings) {
        S3StorageSettings settings = (S3StorageSettings) storageSettings;
        return open(settings, TransientRetry.standard(new S3Failures()), S3Storage.DEFAULT_PART_SIZES,
                S3Storage.DEFAULT_STALE_AFTER);
    }

    /**
     * A storage on the settings' bucket, checked to be reachable with a short retry so that a wrong
     * endpoint fails fast.
     *
     * @throws TidemarkException of kind STORAGE naming the bucket and the cause
     */
    static S3Storage open(S3StorageSettings settings, TransientRetry retry, PartSizes partSizes, Duration staleAfter) {
        S3Storage storage = new S3Storage(client(settings), settings, retry, partSizes, staleAfter);
        try {
            storage.checkReachable(new TransientRetry(3, Duration.ofMillis(200), Duration.ofSeconds(2), new S3Failures()));
            return storage;
        } catch (IOException e) {
            storage.close();
            throw new TidemarkException(ErrorKind.STORAGE, e.getMessage(),
                    "check the endpoint, bucket and credentials in SNAPSHOTS_STORAGE_S3_*; see docs/STORAGE.md");
        }
    }

    /** The client production uses: Apache HttpClient 5, path-style for custom endpoints, no SDK-level retries. */
    static S3Client client(S3StorageSettings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60))
                        .maxConnections(64))
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                // TransientRetry retries and logs every call; the SDK's own retries would hide them
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)));
        settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true)
                // S3-compatible services do not all accept the newer trailing checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3StorageSettings settings) {
        if (settings.accessKeyId().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.accessKeyId().get().reveal(), settings.secretAccessKey().orElseThrow().reveal()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}

package dev.tidemark.storage.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.StorageContractTest;
import dev.tidemark.storage.Upload;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The storage contract on S3, through the same SDK client production uses, against S3Mock. */
class S3StorageContractTest extends StorageContractTest {
    private String bucket;

    @Override
    protected SnapshotStorage newStorage() {
        bucket = S3Emulator.newBucket();
        return S3StorageFactory.open(S3Emulator.settings(S3Emulator.port(), bucket, "tidemark/"),
                S3Emulator.quickRetry(3), S3Storage.DEFAULT_PART_SIZES, Duration.ZERO);
    }

    @Test
    void objectsLiveUnderThePrefixAndOthersAreIgnored() throws Exception {
        put("index/a.json", "{}");
        try (S3Client client = S3StorageFactory.client(S3Emulator.settings(S3Emulator.port(), bucket, ""))) {
            assertThat(client.listObjectsV2(r -> r.bucket(bucket)).contents())
                    .extracting(o -> o.key()).containsExactly("tidemark/index/a.json");
            client.putObject(r -> r.bucket(bucket).key("elsewhere"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
        }
        assertThat(names("")).containsExactly("index/a.json");
    }

    @Test
    void cleanupAbortsUnfinishedMultipartUploadsButNotCommittedObjects() throws Exception {
        Upload abandoned = storage.create("snapshots/crashed.tar.zst");
        abandoned.stream().write(new byte[9 << 20]); // one full part sent: a multipart upload exists
        put("snapshots/kept.tar.zst", "kept");
        try (S3Client client = S3StorageFactory.client(S3Emulator.settings(S3Emulator.port(), bucket, ""))) {
            assertThat(client.listMultipartUploads(r -> r.bucket(bucket)).uploads()).hasSize(1);

            assertThat(storage.cleanupIncomplete()).isEqualTo(1);

            assertThat(client.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
        }
        assertThat(names("")).containsExactly("snapshots/kept.tar.zst");
        assertThat(read("snapshots/kept.tar.zst")).isEqualTo("kept");
        abandoned.abort(); // the upload is gone already; aborting stays harmless
        assertThat(new String(storage.open("snapshots/kept.tar.zst").readAllBytes(), UTF_8)).isEqualTo("kept");
    }

    @Test
    void cleanupLeavesAnOldUploadAloneWhileItKeepsSendingParts() throws Exception {
        Duration staleAfter = Duration.ofSeconds(3);
        try (S3Storage quick = S3StorageFactory.open(S3Emulator.settings(S3Emulator.port(), bucket, "tidemark/"),
                S3Emulator.quickRetry(3), S3Storage.DEFAULT_PART_SIZES, staleAfter);
             S3Client client = S3StorageFactory.client(S3Emulator.settings(S3Emulator.port(), bucket, ""))) {
            Upload running = quick.create("snapshots/slow.tar.zst");
            running.stream().write(new byte[9 << 20]);
            Thread.sleep(staleAfter.toMillis() + 500);
            running.stream().write(new byte[9 << 20]); // a second part: the writer is alive

            assertThat(quick.cleanupIncomplete()).as("started long ago, but a part just arrived").isZero();
            assertThat(client.listMultipartUploads(r -> r.bucket(bucket)).uploads()).hasSize(1);

            Thread.sleep(staleAfter.toMillis() + 1500);
            assertThat(quick.cleanupIncomplete()).as("quiet for longer than the stale age").isEqualTo(1);
            assertThat(client.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
        }
    }
}

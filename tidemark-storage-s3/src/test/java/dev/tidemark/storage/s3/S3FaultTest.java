package dev.tidemark.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.storage.FaultInjectingProxy;
import dev.tidemark.storage.FaultInjectingProxy.Fault;
import dev.tidemark.storage.FaultInjectingProxy.Request;
import dev.tidemark.storage.StoredObject;
import dev.tidemark.storage.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** S3 behind a proxy that injects 500s, 503 SlowDown and connection resets. */
class S3FaultTest {
    private static final Predicate<Request> UPLOAD_PART = r -> r.method().equals("PUT") && r.target().contains("partNumber=");
    private static final Predicate<Request> PUT_OBJECT = r -> r.method().equals("PUT") && !r.target().contains("partNumber=");
    private static final Predicate<Request> COMPLETE = r -> r.method().equals("POST") && r.target().contains("uploadId=");

    private FaultInjectingProxy proxy;
    private String bucket;
    private S3Storage storage;

    @BeforeEach
    void start() throws IOException {
        bucket = S3Emulator.newBucket();
        proxy = new FaultInjectingProxy(S3Emulator.port());
        storage = S3StorageFactory.open(S3Emulator.settings(proxy.port(), bucket, "p/"), S3Emulator.quickRetry(4),
                S3Emulator.smallParts(), Duration.ZERO);
    }

    @AfterEach
    void stop() throws IOException {
        storage.close();
        proxy.close();
    }

    @Test
    void uploadCompletesDespiteServerErrorsThrottlingAndResets() throws Exception {
        proxy.failNext(1, UPLOAD_PART, Fault.INTERNAL_ERROR);
        proxy.failNext(1, UPLOAD_PART, Fault.SLOW_DOWN);
        proxy.failNext(1, UPLOAD_PART, Fault.RESET_MID_BODY);
        proxy.failNext(1, COMPLETE, Fault.SLOW_DOWN);
        byte[] content = randomBytes(12 << 20); // three parts of 5, 5 and 2 MiB

        try (Upload upload = storage.create("snapshots/a.tar.zst")) {
            upload.stream().write(content);
            upload.commit();
        }

        assertThat(proxy.faulted()).hasSize(4);
        try (InputStream in = storage.open("snapshots/a.tar.zst")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void aDownloadCutMidwayResumesWhereItStopped() throws Exception {
        byte[] content = randomBytes(7 << 20);
        try (Upload upload = storage.create("snapshots/b.tar.zst")) {
            upload.stream().write(content);
            upload.commit();
        }
        proxy.failNext(2, r -> r.method().equals("GET") && r.target().contains("/p/snapshots/b.tar.zst"),
                Fault.RESET_MID_RESPONSE);

        try (InputStream in = storage.open("snapshots/b.tar.zst")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(proxy.faulted()).hasSize(2);
    }

    @Test
    void smallObjectsAndReadsAreRetriedToo() throws Exception {
        proxy.failNext(2, PUT_OBJECT, Fault.INTERNAL_ERROR);
        proxy.failNext(1, r -> r.method().equals("GET") && r.target().contains("list-type=2"), Fault.SLOW_DOWN);
        proxy.failNext(1, r -> r.method().equals("HEAD"), Fault.INTERNAL_ERROR);
        proxy.failNext(1, r -> r.method().equals("GET") && r.target().contains("/p/index/"), Fault.INTERNAL_ERROR);

        try (Upload upload = storage.create("index/x.json")) {
            upload.stream().write("{\"ok\":true}".getBytes());
            upload.commit();
        }

        assertThat(storage.list("")).extracting(StoredObject::name).containsExactly("index/x.json");
        assertThat(storage.stat("index/x.json")).get().extracting(StoredObject::size).isEqualTo(11L);
        try (InputStream in = storage.open("index/x.json")) {
            assertThat(new String(in.readAllBytes())).isEqualTo("{\"ok\":true}");
        }
        assertThat(proxy.faulted()).hasSize(5);
    }

    @Test
    void anUploadThatKeepsFailingFailsCleanlyWithNothingListed() throws Exception {
        proxy.failNext(100, UPLOAD_PART, Fault.INTERNAL_ERROR);
        Upload upload = storage.create("snapshots/doomed.tar.zst");

        assertThatThrownBy(() -> upload.stream().write(randomBytes(6 << 20)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("uploading part 1 of p/snapshots/doomed.tar.zst to s3://" + bucket + "/p/")
                .hasMessageContaining("after 4 attempts: HTTP 500 InternalError")
                .hasMessageNotContaining(S3Emulator.SECRET_ACCESS_KEY);
        assertThatThrownBy(upload::commit).isInstanceOf(IOException.class);
        upload.close();

        proxy.clearFaults();
        assertThat(storage.list("")).isEmpty();
        try (S3Client client = S3StorageFactory.client(S3Emulator.settings(S3Emulator.port(), bucket, ""))) {
            assertThat(client.listMultipartUploads(r -> r.bucket(bucket)).uploads()).as("aborted").isEmpty();
        }
    }

    @Test
    void aFailedCommitLeavesTheOldObjectInPlace() throws Exception {
        try (Upload upload = storage.create("index/x.json")) {
            upload.stream().write("old".getBytes());
            upload.commit();
        }
        proxy.failNext(100, PUT_OBJECT, Fault.SLOW_DOWN);
        Upload replacement = storage.create("index/x.json");
        replacement.stream().write("new".getBytes());

        assertThatThrownBy(replacement::commit).isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 503 SlowDown");

        proxy.clearFaults();
        try (InputStream in = storage.open("index/x.json")) {
            assertThat(new String(in.readAllBytes())).isEqualTo("old");
        }
    }

    @Test
    void aMissingBucketFailsAtOnceWithOneLineNamingIt() {
        int before = proxy.forwarded().size();
        assertThatThrownBy(() -> S3StorageFactory.open(S3Emulator.settings(proxy.port(), "no-such-bucket", ""),
                S3Emulator.quickRetry(4), S3Emulator.smallParts(), Duration.ZERO))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.STORAGE);
                    assertThat(e.getMessage()).contains("s3://no-such-bucket/").contains("HTTP 404 NoSuchBucket")
                            .doesNotContain("\n").doesNotContain(S3Emulator.SECRET_ACCESS_KEY);
                });
        assertThat(proxy.forwarded()).as("not retried").hasSize(before + 1);
    }

    @Test
    void anUnreachableEndpointIsAStorageError() throws IOException {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> S3StorageFactory.open(S3Emulator.settings(closedPort, "any-bucket", ""),
                S3Emulator.quickRetry(2), S3Emulator.smallParts(), Duration.ZERO))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.STORAGE);
                    assertThat(e.getMessage()).contains("s3://any-bucket/").contains("after 3 attempts");
                });
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}

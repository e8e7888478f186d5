package dev.tidemark.storage.azure;

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
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Azure Blob behind a proxy that injects 500s, 503 ServerBusy and connection resets. */
class AzureFaultTest {
    private static final Predicate<Request> STAGE_BLOCK = r -> r.method().equals("PUT") && r.target().contains("comp=block&")
            || r.method().equals("PUT") && r.target().endsWith("comp=block");
    private static final Predicate<Request> COMMIT = r -> r.method().equals("PUT") && r.target().contains("comp=blocklist");

    private FaultInjectingProxy proxy;
    private String container;
    private AzureStorage storage;

    @BeforeEach
    void start() throws IOException {
        container = Azurite.newContainerName();
        proxy = new FaultInjectingProxy(Azurite.port());
        storage = AzureStorageFactory.open(Azurite.settings(proxy.port(), container, "p/"), Azurite.quickRetry(4),
                Azurite.smallBlocks());
    }

    @AfterEach
    void stop() throws IOException {
        storage.close();
        proxy.close();
    }

    @Test
    void uploadCompletesDespiteServerErrorsThrottlingAndResets() throws Exception {
        proxy.failNext(1, STAGE_BLOCK, Fault.INTERNAL_ERROR);
        proxy.failNext(1, STAGE_BLOCK, Fault.SLOW_DOWN);
        proxy.failNext(1, STAGE_BLOCK, Fault.RESET_MID_BODY);
        proxy.failNext(1, COMMIT, Fault.SLOW_DOWN);
        byte[] content = randomBytes((3 << 20) + 12345); // four blocks

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
        byte[] content = randomBytes(9 << 20); // more than the SDK's 4 MiB read chunks
        try (Upload upload = storage.create("snapshots/b.tar.zst")) {
            upload.stream().write(content);
            upload.commit();
        }
        proxy.failNext(2, r -> r.method().equals("GET") && r.target().contains("b.tar.zst"),
                Fault.RESET_MID_RESPONSE);

        try (InputStream in = storage.open("snapshots/b.tar.zst")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(proxy.faulted()).hasSize(2);
    }

    @Test
    void readsListsAndDeletesAreRetriedToo() throws Exception {
        try (Upload upload = storage.create("index/x.json")) {
            upload.stream().write("{\"ok\":true}".getBytes());
            upload.commit();
        }
        proxy.failNext(1, r -> r.method().equals("GET") && r.target().contains("comp=list"), Fault.SLOW_DOWN);
        proxy.failNext(1, r -> r.method().equals("HEAD"), Fault.INTERNAL_ERROR);
        proxy.failNext(1, r -> r.method().equals("DELETE"), Fault.INTERNAL_ERROR);

        assertThat(storage.list("")).extracting(StoredObject::name).containsExactly("index/x.json");
        assertThat(storage.stat("index/x.json")).get().extracting(StoredObject::size).isEqualTo(11L);
        storage.delete("index/x.json");

        assertThat(storage.list("")).isEmpty();
        assertThat(proxy.faulted()).hasSize(3);
    }

    @Test
    void anUploadThatKeepsFailingFailsCleanlyWithNothingListed() throws Exception {
        proxy.failNext(100, STAGE_BLOCK, Fault.INTERNAL_ERROR);
        Upload upload = storage.create("snapshots/doomed.tar.zst");

        assertThatThrownBy(() -> upload.stream().write(randomBytes(2 << 20)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("uploading block 1 of snapshots/doomed.tar.zst to container " + container)
                .hasMessageContaining("after 4 attempts: HTTP 500 InternalError")
                .hasMessageNotContaining(Azurite.ACCOUNT_KEY);
        assertThatThrownBy(upload::commit).isInstanceOf(IOException.class);
        upload.close();

        proxy.clearFaults();
        assertThat(storage.list("")).isEmpty();
        assertThat(storage.stat("snapshots/doomed.tar.zst")).isEmpty();
    }

    @Test
    void aFailedCommitLeavesTheOldObjectInPlace() throws Exception {
        try (Upload upload = storage.create("index/x.json")) {
            upload.stream().write("old".getBytes());
            upload.commit();
        }
        proxy.failNext(100, COMMIT, Fault.SLOW_DOWN);
        Upload replacement = storage.create("index/x.json");
        replacement.stream().write("new".getBytes());

        assertThatThrownBy(replacement::commit).isInstanceOf(IOException.class).hasMessageContaining("HTTP 503 ServerBusy");

        proxy.clearFaults();
        try (InputStream in = storage.open("index/x.json")) {
            assertThat(new String(in.readAllBytes())).isEqualTo("old");
        }
    }

    @Test
    void aWrongAccountKeyFailsAtOnceWithOneLineNamingTheContainer() {
        String wrongKey = "d3Jvbmcga2V5IGZvciB0aGUgZGV2ZWxvcG1lbnQgYWNjb3VudA==";
        var settings = new dev.tidemark.storage.azure.AzureStorageSettings(container, dev.tidemark.env.Secret.of(
                Azurite.connectionString(proxy.port()).replace(Azurite.ACCOUNT_KEY, wrongKey)), "");
        int before = proxy.forwarded().size();

        assertThatThrownBy(() -> AzureStorageFactory.open(settings, Azurite.quickRetry(4), Azurite.smallBlocks()))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.STORAGE);
                    assertThat(e.getMessage()).contains("container " + container).contains("HTTP 403")
                            .doesNotContain("\n").doesNotContain(wrongKey);
                });
        assertThat(proxy.forwarded()).as("not retried").hasSize(before + 1);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}

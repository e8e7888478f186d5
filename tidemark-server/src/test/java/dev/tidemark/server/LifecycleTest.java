package dev.tidemark.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.engine.Mode;
import dev.tidemark.server.auth.AdminPassword;
import dev.tidemark.server.jobs.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** First start without ADMIN_PASSWORD, and shutting down while a job runs. */
@Timeout(120)
class LifecycleTest {
    @TempDir
    Path dir;

    @Test
    void withoutAdminPasswordOneIsGeneratedOnceAndOnlyItsHashIsStored() throws Exception {
        AdminPassword first = AdminPassword.load(dir, Optional.empty());
        String password = first.generated().orElseThrow();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        String stored = Files.readString(AdminPassword.file(dir));
        assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain(password);

        AdminPassword second = AdminPassword.load(dir, Optional.empty());
        assertThat(second.generated()).isEmpty();
        assertThat(second.matches(password)).isTrue();
        assertThat(second.matches(password + "x")).isFalse();
    }

    @Test
    void theServerPrintsNothingSecretButGeneratesTheFirstPassword() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("ADMIN_PASSWORD", null);
        try (TestServer server = TestServer.start(dir, env)) {
            String password = server.server.generatedPassword().orElseThrow();
            TestServer.Reply login = server.post("/api/login", "{\"password\":\"" + password + "\"}");
            assertThat(login.status()).isEqualTo(200);
            assertThat(server.server.url()).isEqualTo(server.base() + "/admin/snapshots");
        }
    }

    @Test
    void closingInterruptsARunningSnapshotWhichThenNeverListsAsComplete() throws Exception {
        GatedOperations[] gated = new GatedOperations[1];
        TestServer server = TestServer.start(dir, Map.of(), java.time.Clock.systemUTC(),
                real -> gated[0] = new GatedOperations(real)).login();
        Job job;
        try {
            String id = server.post("/api/snapshots", "{}").json().get("id").asText();
            gated[0].entered.await();
            job = server.server.jobs().find(id).orElseThrow();
        } finally {
            server.close();
        }
        assertThat(job.state()).isEqualTo(Job.State.FAILED);
        assertThat(job.failure().getMessage()).contains("interrupted");
        assertThat(gated[0].monitor().mode()).isEqualTo(Mode.NORMAL);
        try (var tidemark = new dev.tidemark.engine.Tidemark(server.tidemark.config())) {
            assertThat(tidemark.list()).isEmpty();
        }
    }

    @Test
    void closingDoesNotWaitForARestoreSoItCannotCommitAfterShutdownBegan() throws Exception {
        GatedOperations[] gated = new GatedOperations[1];
        TestServer server = TestServer.start(dir, Map.of(), java.time.Clock.systemUTC(),
                real -> gated[0] = new GatedOperations(real)).login();
        try {
            String id = server.tidemark.createSnapshot("main", new dev.tidemark.engine.JobProgress("snapshot", null)).id();
            gated[0].deaf = true;
            String jobId = server.post("/api/snapshots/" + id + "/restore", "{\"replace\":true}").json().get("id").asText();
            gated[0].entered.await();
            Job restore = server.server.jobs().find(jobId).orElseThrow();

            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(
                    TidemarkServer.SHUTDOWN_WAIT_MILLIS / 2000), server.server::close);
            assertThat(restore.state()).isEqualTo(Job.State.RUNNING);

            gated[0].gate.countDown();
            while (restore.state() == Job.State.RUNNING) {
                Thread.sleep(20);
            }
        } finally {
            server.tidemark.close();
        }
    }
}

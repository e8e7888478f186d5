package dev.tidemark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidemark.dialect.sqlite.SqliteTestDb;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The REST API in-process on a random port, over a real SQLite database and local storage. */
@Timeout(120)
class ServerApiTest {
    @TempDir
    Path dir;

    @Test
    void everyApiAndAdminRouteNeedsAuthenticationExceptHealth() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of())) {
            for (String path : new String[] {"/api/snapshots", "/api/status", "/api/jobs/x", "/api/openapi.json"}) {
                TestServer.Reply reply = server.get(path);
                assertThat(reply.status()).as(path).isEqualTo(401);
                assertThat(reply.json().get("error").asText()).isEqualTo("authentication required");
                assertThat(reply.json().get("hint").asText()).contains("/login");
            }
            assertThat(server.post("/api/snapshots", "{}").status()).isEqualTo(401);
            TestServer.Reply page = server.get("/admin/snapshots");
            assertThat(page.status()).isEqualTo(303);
            assertThat(page.header("Location")).startsWith("/login");
            TestServer.Reply health = server.get("/healthz");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("mode").asText()).isEqualTo("normal");
            assertThat(server.get("/login").body()).contains("<form");

            server.login();
            assertThat(server.get("/api/snapshots").status()).isEqualTo(200);
            assertThat(server.get("/admin/snapshots").body()).contains("Snapshots");
            assertThat(server.get("/api/openapi.json").json().get("openapi").asText()).startsWith("3.");
        }
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of())) {
            TestServer.Reply reply = server.post("/api/login", "{\"password\":\"" + TestServer.PASSWORD + "\"}");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
            assertThat(server.post("/api/login", "{oops").status()).isEqualTo(400);
        }
    }

    @Test
    void snapshotRestoreVerifyDownloadDeleteAsJobs() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of()).login()) {
            TestServer.Reply created = server.post("/api/snapshots", "{\"source\":\"main\"}");
            assertThat(created.status()).as(created.toString()).isEqualTo(202);
            String jobId = created.json().get("id").asText();
            assertThat(created.header("Location")).isEqualTo("/api/jobs/" + jobId);
            JsonNode job = server.awaitJob(jobId);
            assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
            assertThat(job.get("progress").get("phase").asText()).isEqualTo("done");
            assertThat(job.get("progress").get("percent").asDouble()).isEqualTo(100.0);
            String id = job.get("snapshotId").asText();

            JsonNode list = server.get("/api/snapshots").json();
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("id").asText()).isEqualTo(id);
            assertThat(list.get(0).get("rows").asLong()).isEqualTo(3);
            assertThat(server.get("/api/snapshots/" + id).json().get("tables").asInt()).isEqualTo(1);

            Path restored = dir.resolve("restored.db");
            TestServer.Reply restore = server.post("/api/snapshots/" + id + "/restore",
                    "{\"target\":\"sqlite:" + restored + "\"}");
            assertThat(restore.status()).as(restore.toString()).isEqualTo(202);
            JsonNode restoreJob = server.awaitJob(restore.json().get("id").asText());
            assertThat(restoreJob.get("state").asText()).as(restoreJob.toString()).isEqualTo("succeeded");
            assertThat(restoreJob.get("result").get("rows").asLong()).isEqualTo(3);
            assertThat(SqliteTestDb.exactRows(restored, "users")).isEqualTo(SqliteTestDb.exactRows(server.app, "users"));

            TestServer.Reply again = server.post("/api/snapshots/" + id + "/restore", "{\"target\":\"sqlite:" + restored + "\"}");
            JsonNode conflict = server.awaitJob(again.json().get("id").asText());
            assertThat(conflict.get("state").asText()).isEqualTo("failed");
            assertThat(conflict.get("error").get("hint").asText()).contains("replace");

            TestServer.Reply verify = server.post("/api/snapshots/" + id + "/verify", "");
            assertThat(verify.status()).isEqualTo(202);
            JsonNode verified = server.awaitJob(verify.json().get("id").asText());
            assertThat(verified.get("state").asText()).as(verified.toString()).isEqualTo("succeeded");
            assertThat(verified.get("result").get("rows").asLong()).isEqualTo(3);

            HttpResponse<byte[]> download = java.net.http.HttpClient.newHttpClient().send(
                    server.request("/api/snapshots/" + id + "/download").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
            java.io.ByteArrayOutputStream stored = new java.io.ByteArrayOutputStream();
            server.tidemark.download(id, stored);
            assertThat(download.body()).isEqualTo(stored.toByteArray());

            assertThat(server.delete("/api/snapshots/" + id).status()).isEqualTo(204);
            TestServer.Reply gone = server.get("/api/snapshots/" + id);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.json().get("error").asText()).contains(id);
            assertThat(server.get("/api/jobs/nope").status()).isEqualTo(404);
        }
    }

    @Test
    void aSecondJobForTheSameSourceIsRefusedNamingTheRunningOne() throws Exception {
        GatedOperations[] gated = new GatedOperations[1];
        try (TestServer server = TestServer.start(dir, Map.of(), java.time.Clock.systemUTC(),
                real -> gated[0] = new GatedOperations(real)).login()) {
            TestServer.Reply first = server.post("/api/snapshots", "{}");
            assertThat(first.status()).isEqualTo(202);
            String firstId = first.json().get("id").asText();
            gated[0].entered.await();

            JsonNode status = server.get("/api/status").json();
            assertThat(status.get("mode").asText()).isEqualTo("read-only");
            assertThat(status.get("jobs").get(0).get("id").asText()).isEqualTo(firstId);

            TestServer.Reply second = server.post("/api/snapshots", "{\"source\":\"main\"}");
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.json().get("error").asText()).contains(firstId).contains("snapshot of the main database");

            gated[0].gate.countDown();
            assertThat(server.awaitJob(firstId).get("state").asText()).isEqualTo("succeeded");
            assertThat(server.get("/api/status").json().get("mode").asText()).isEqualTo("normal");
            assertThat(server.post("/api/snapshots", "{}").status()).isEqualTo(202);
        }
    }

    @Test
    void restoreIntoTheMainDatabaseIsMaintenance() throws Exception {
        GatedOperations[] gated = new GatedOperations[1];
        try (TestServer server = TestServer.start(dir, Map.of(), java.time.Clock.systemUTC(),
                real -> gated[0] = new GatedOperations(real)).login()) {
            String id = server.tidemark.createSnapshot("main", new dev.tidemark.engine.JobProgress("snapshot", null)).id();
            SqliteTestDb.exec(server.app, "UPDATE users SET name = 'changed' WHERE id = 1");

            TestServer.Reply restore = server.post("/api/snapshots/" + id + "/restore", "{\"replace\":true}");
            assertThat(restore.status()).as(restore.toString()).isEqualTo(202);
            gated[0].entered.await();

            TestServer.Reply health = server.get("/healthz");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.header("Retry-After")).isNotBlank();
            assertThat(server.get("/api/status").json().get("mode").asText()).isEqualTo("maintenance");
            TestServer.Reply refused = server.post("/api/snapshots", "{}");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(refused.json().get("error").asText()).contains("maintenance");
            assertThat(server.delete("/api/snapshots/" + id).status()).isEqualTo(503);
            assertThat(server.get("/api/snapshots").status()).isEqualTo(200);

            gated[0].gate.countDown();
            JsonNode done = server.awaitJob(restore.json().get("id").asText());
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
            assertThat(server.get("/healthz").status()).isEqualTo(200);
            assertThat(SqliteTestDb.query(server.app, "SELECT name FROM users WHERE id = 1")).containsExactly("Ada");
        }
    }

    @Test
    void disabledSnapshotsAreRefusedAndNothingIsWritten() throws Exception {
        Path storage = dir.resolve("storage");
        try (TestServer server = TestServer.start(dir, Map.of("SNAPSHOTS_ENABLED", "0",
                "SNAPSHOTS_STORAGE_LOCAL_DIR", storage.toString(), "SNAPSHOTS_MAIN_SCHEDULE", "* * * * *")).login()) {
            TestServer.Reply create = server.post("/api/snapshots", "{}");
            assertThat(create.status()).isEqualTo(403);
            assertThat(create.json().get("error").asText()).isEqualTo("snapshots are disabled (SNAPSHOTS_ENABLED=0)");
            TestServer.Reply restore = server.post("/api/snapshots/20260101T000000000Z-main-abcdef/restore", "{}");
            assertThat(restore.status()).isEqualTo(403);
            assertThat(restore.json().get("error").asText()).isEqualTo("snapshots are disabled (SNAPSHOTS_ENABLED=0)");

            JsonNode status = server.get("/api/status").json();
            assertThat(status.get("snapshotsEnabled").asBoolean()).isFalse();
            JsonNode schedule = status.get("schedules").get(0);
            assertThat(schedule.get("active").asBoolean()).isFalse();
            assertThat(schedule.get("nextRun").isNull()).isTrue();
            assertThat(server.server.scheduler().nextRun("main")).isEmpty();
            try (var files = Files.walk(storage)) {
                assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
            } catch (java.nio.file.NoSuchFileException absent) {
                // nothing was even created
            }
        }
    }

    @Test
    void stateChangingRequestsFromTheBrowserNeedTheCsrfToken() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of()).login()) {
            HttpRequest noToken = server.request("/api/snapshots").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            TestServer.Reply refused = server.send(noToken);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("error").asText()).contains("CSRF");
            HttpRequest wrongToken = server.request("/api/snapshots").header("X-CSRF-Token", "guess")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            assertThat(server.send(wrongToken).status()).isEqualTo(403);
            assertThat(server.tidemark.list()).isEmpty();
            assertThat(server.get("/api/session").json().get("csrfToken").asText()).isEqualTo(server.csrf());
        }
    }

    @Test
    void apiKeysAuthenticateScriptsWithoutCsrfUntilRevoked() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of())) {
            var keys = new dev.tidemark.server.auth.ApiKeyStore(dir.resolve("data"));
            String key = keys.create("ci");
            assertThat(Files.readString(dir.resolve("data/server/api-keys.json"))).doesNotContain(key).contains("ci");

            HttpRequest list = server.request("/api/snapshots").header("Authorization", "Bearer " + key).GET().build();
            assertThat(server.send(list).status()).isEqualTo(200);
            HttpRequest create = server.request("/api/snapshots").header("Authorization", "Bearer " + key)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            TestServer.Reply created = server.send(create);
            assertThat(created.status()).as(created.toString()).isEqualTo(202);

            HttpRequest wrong = server.request("/api/snapshots").header("Authorization", "Bearer tmk_nope").GET().build();
            assertThat(server.send(wrong).status()).isEqualTo(401);

            keys.revoke("ci");
            TestServer.Reply revoked = server.send(list);
            assertThat(revoked.status()).isEqualTo(401);
            assertThat(revoked.json().get("error").asText()).isEqualTo("invalid API key");
        }
    }

    @Test
    void unknownSourcesAndBadTargetsAreAnsweredAtOnce() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of()).login()) {
            TestServer.Reply redis = server.post("/api/snapshots", "{\"source\":\"redis\"}");
            assertThat(redis.status()).isEqualTo(400);
            assertThat(redis.json().get("error").asText()).contains("Redis");
            String id = server.tidemark.createSnapshot("main", new dev.tidemark.engine.JobProgress("snapshot", null)).id();
            TestServer.Reply badTarget = server.post("/api/snapshots/" + id + "/restore", "{\"target\":\"oracle://x:secret@h/db\"}");
            assertThat(badTarget.status()).isEqualTo(400);
            assertThat(badTarget.body()).contains("unsupported").doesNotContain("secret");
            assertThat(server.post("/api/snapshots/nope/restore", "{}").status()).isEqualTo(404);
            assertThat(server.post("/api/snapshots", "{not json").status()).isEqualTo(400);
            assertThat(server.post("/api/snapshots/" + id + "/restore", "{\"replace\":\"yes\"}").status()).isEqualTo(400);
        }
    }

    @Test
    void passwordsInTargetsNeverAppearInAnswers() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of()).login()) {
            String id = server.tidemark.createSnapshot("main", new dev.tidemark.engine.JobProgress("snapshot", null)).id();
            TestServer.Reply restore = server.post("/api/snapshots/" + id + "/restore",
                    "{\"target\":\"postgresql://tidemark:hunter2secret@127.0.0.1:1/nowhere\"}");
            assertThat(restore.status()).as(restore.toString()).isEqualTo(202);
            assertThat(restore.body()).doesNotContain("hunter2secret").contains("127.0.0.1:1/nowhere");
            JsonNode failed = server.awaitJob(restore.json().get("id").asText());
            assertThat(failed.get("state").asText()).isEqualTo("failed");
            assertThat(failed.toString()).doesNotContain("hunter2secret");
            assertThat(server.get("/api/status").body()).doesNotContain("hunter2secret");
        }
    }
}

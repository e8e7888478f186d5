package dev.tidemark.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.dialect.sqlite.SqliteTestDb;
import dev.tidemark.engine.Tidemark;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import dev.tidemark.server.jobs.SnapshotOperations;

/** A server on a random port over a real SQLite main database and local storage, with an HTTP client. */
final class TestServer implements AutoCloseable {
    static final String PASSWORD = "correct horse battery staple";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Path app;
    final Tidemark tidemark;
    final SnapshotOperations operations;
    final TidemarkServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private String cookie;
    private String csrf;

    /** A reply: status, body, headers. */
    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    static TestServer start(Path dir, Map<String, String> extraEnv) throws Exception {
        return start(dir, extraEnv, Clock.systemUTC(), Function.identity());
    }

    static TestServer start(Path dir, Map<String, String> extraEnv, Clock clock,
                            Function<SnapshotOperations, SnapshotOperations> wrap) throws Exception {
        return new TestServer(dir, extraEnv, clock, wrap);
    }

    private TestServer(Path dir, Map<String, String> extraEnv, Clock clock,
                       Function<SnapshotOperations, SnapshotOperations> wrap) throws Exception {
        this.dir = dir;
        this.app = dir.resolve("app.db");
        if (!app.toFile().exists()) {
            SqliteTestDb.exec(app,
                    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(200))",
                    "INSERT INTO users VALUES (1, 'Ada', 'ada@example.com'), (2, 'Zoë 🚀', NULL), (3, 'Bob', 'b@x')");
        }
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("DATABASE_URL", "sqlite:" + app);
        env.put("ADMIN_PASSWORD", PASSWORD);
        env.putAll(extraEnv);
        env.values().removeIf(value -> value == null);
        TidemarkConfig config = TidemarkConfig.fromEnvironment(env).toBuilder().http("127.0.0.1", 0).build();
        this.tidemark = new Tidemark(config);
        this.operations = wrap.apply(SnapshotOperations.of(tidemark));
        try {
            this.server = TidemarkServer.create(operations, clock, ZoneOffset.UTC).start();
        } catch (RuntimeException e) {
            tidemark.close();
            throw e;
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Logs in with the admin password and keeps the session cookie and CSRF token. */
    TestServer login() throws Exception {
        Reply reply = post("/api/login", "{\"password\":\"" + PASSWORD + "\"}");
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply);
        }
        cookie = reply.header("Set-Cookie").split(";")[0];
        csrf = reply.json().get("csrfToken").asText();
        return this;
    }

    String csrf() {
        return csrf;
    }

    Reply get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    Reply post(String path, String json) throws Exception {
        return send(withCsrf(request(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply delete(String path) throws Exception {
        return send(withCsrf(request(path)).DELETE().build());
    }

    Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path));
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        return builder;
    }

    private HttpRequest.Builder withCsrf(HttpRequest.Builder builder) {
        if (csrf != null) {
            builder.header("X-CSRF-Token", csrf);
        }
        return builder;
    }

    /** Polls the job until it is no longer running (bounded by the test's own timeout). */
    JsonNode awaitJob(String id) throws Exception {
        while (true) {
            JsonNode job = get("/api/jobs/" + id).json();
            if (!job.get("state").asText().equals("running")) {
                return job;
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            tidemark.close();
        }
    }
}

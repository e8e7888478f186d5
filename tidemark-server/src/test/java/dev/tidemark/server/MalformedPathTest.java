package dev.tidemark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths with an encoded {@code /}, a NUL or an encoded {@code ..} are answered with the API's JSON error
 * and 400, never Jetty's HTML page. Sent over a raw socket, so no client normalises the path first.
 */
@Timeout(60)
class MalformedPathTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void encodedSlashesNulsAndDotSegmentsGetAJson400WithOrWithoutAuthentication() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of())) {
            String key = new dev.tidemark.server.auth.ApiKeyStore(dir.resolve("data")).create("paths");
            String id = server.tidemark.createSnapshot("main", new dev.tidemark.engine.JobProgress("snapshot", null)).id();
            String[] paths = {
                "/api/snapshots/a%2Fb", "/api/snapshots/" + id + "%2F..%2F" + id, "/api/snapshots/" + id + "%2Fdownload",
                "/api/jobs/x%2Fy", "/api/snapshots/" + id + "%00", "/api/snapshots/%00/download", "/api/%2e%2e/healthz",
                "/assets/..%2F..%2Fetc%2Fpasswd", "/admin/%00"};
            for (String path : paths) {
                for (String authorization : new String[] {null, "Bearer " + key}) {
                    Answer answer = get(server.server.port(), path, authorization);
                    String what = path + (authorization == null ? "" : " (with an API key)");
                    assertThat(answer.status).as(what).isEqualTo(400);
                    assertThat(answer.header("content-type")).as(what).startsWith("application/json");
                    assertThat(answer.body).as(what).doesNotContain("<").doesNotContain("\tat ").doesNotContain("Exception");
                    JsonNode body = JSON.readTree(answer.body);
                    assertThat(body.get("error").asText()).as(what).startsWith("malformed request");
                    assertThat(body.get("hint").asText()).as(what).contains("%2F").contains("%00");
                }
            }
            Answer plain = get(server.server.port(), "/api/snapshots/" + id, "Bearer " + key);
            assertThat(plain.status).as("the same path without encodings still works").isEqualTo(200);
        }
    }

    private record Answer(int status, String head, String body) {
        String header(String name) {
            return head.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith(name + ":"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("");
        }
    }

    private static Answer get(int port, String path, String authorization) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = reply.indexOf("\r\n\r\n");
            String head = reply.substring(0, end);
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, reply.substring(end + 4));
        }
    }
}

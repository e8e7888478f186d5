package dev.tidemark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.dialect.sqlite.SqliteTestDb;
import dev.tidemark.engine.JobProgress;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.server.jobs.SnapshotOperations;

/**
 * {@code GET /api/snapshots/{id}/download} when the snapshot goes away or the storage fails: before the
 * first byte the answer is the API's JSON error; after it, the connection is cut so that the download is
 * visibly short against its announced length.
 */
@Timeout(120)
class DownloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSnapshotDeletedBetweenLookupAndReadIsTheApis404() throws Exception {
        Consumer<SnapshotOperations>[] afterLookup = new Consumer[1];
        try (TestServer server = TestServer.start(dir, Map.of(), java.time.Clock.systemUTC(),
                real -> new GatedOperations(real) {
                    @Override
                    public SnapshotEntry show(String id) {
                        SnapshotEntry entry = super.show(id);
                        afterLookup[0].accept(real);
                        return entry;
                    }
                }).login()) {
            String deleted = snapshot(server);
            afterLookup[0] = real -> real.delete(deleted);
            assertNotFound(server.get("/api/snapshots/" + deleted + "/download"), deleted);
            assertThat(server.tidemark.list()).isEmpty();

            String vanished = snapshot(server);
            Path archive = dir.resolve("data/snapshots").resolve(server.tidemark.show(vanished).archive());
            afterLookup[0] = real -> delete(archive);
            assertNotFound(server.get("/api/snapshots/" + vanished + "/download"), vanished);
        }
    }

    @Test
    void aStorageFailureBeforeTheFirstByteIsAJsonErrorNotAPartialFile() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of(), java.time.Clock.systemUTC(),
                real -> new GatedOperations(real) {
                    @Override
                    public InputStream openStored(String id) {
                        return failingAfter(super.openStored(id), 0);
                    }
                }).login()) {
            String id = snapshot(server);
            TestServer.Reply reply = server.get("/api/snapshots/" + id + "/download");
            assertThat(reply.status()).isEqualTo(502);
            assertThat(reply.header("Content-Type")).startsWith("application/json");
            assertThat(reply.header("Content-Disposition")).isNull();
            assertThat(reply.json().get("error").asText())
                    .isEqualTo("downloading snapshot " + id + " failed: the storage went away");
        }
    }

    @Test
    void aStorageFailureHalfWayCutsTheDownloadShortOfItsAnnouncedLength() throws Exception {
        int delivered = 300_000;
        try (TestServer server = TestServer.start(dir, Map.of(), java.time.Clock.systemUTC(),
                real -> new GatedOperations(real) {
                    @Override
                    public InputStream openStored(String id) {
                        return failingAfter(super.openStored(id), delivered);
                    }
                })) {
            // random text does not compress: the archive is larger than what is delivered before the failure
            SqliteTestDb.exec(server.app, "CREATE TABLE noise (id INTEGER PRIMARY KEY, value TEXT)",
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                            + " INSERT INTO noise SELECT i, hex(randomblob(300)) FROM n");
            SnapshotEntry entry = server.tidemark.createSnapshot("main", new JobProgress("snapshot", null));
            assertThat(entry.size()).isGreaterThan(delivered * 2L);
            String key = new dev.tidemark.server.auth.ApiKeyStore(dir.resolve("data")).create("download");

            try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
                socket.getOutputStream().write(("GET /api/snapshots/" + entry.id() + "/download HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nAuthorization: Bearer " + key + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] reply = readUntilClosed(socket.getInputStream());
                String text = new String(reply, StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                String head = text.substring(0, end);
                assertThat(head).startsWith("HTTP/1.1 200").contains("Content-Length: " + entry.size());
                byte[] body = java.util.Arrays.copyOfRange(reply, end + 4, reply.length);
                assertThat(body.length).as("body bytes").isPositive().isLessThanOrEqualTo(delivered);
                ByteArrayOutputStream stored = new ByteArrayOutputStream();
                server.tidemark.download(entry.id(), stored);
                assertThat(body).as("what arrived is the archive's start, nothing appended")
                        .isEqualTo(java.util.Arrays.copyOf(stored.toByteArray(), body.length));
            }
        }
    }

    private static String snapshot(TestServer server) {
        return server.tidemark.createSnapshot("main", new JobProgress("snapshot", null)).id();
    }

    private static void assertNotFound(TestServer.Reply reply, String id) throws IOException {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.header("Content-Disposition")).isNull();
        assertThat(JSON.readTree(reply.body()).get("error").asText()).startsWith("no snapshot " + id);
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored bytes, of which the first {@code bytes} are read and then the storage fails. */
    private static InputStream failingAfter(InputStream stored, int bytes) {
        return new FilterInputStream(stored) {
            private int read;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (read >= bytes) {
                    throw new IOException("the storage went away");
                }
                int n = super.read(buffer, offset, Math.min(length, bytes - read));
                read += Math.max(n, 0);
                return n;
            }
        };
    }

    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // a cut connection may end in a reset rather than an orderly close
        }
        return all.toByteArray();
    }
}

package dev.tidemark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.migration.ScratchDatabase;
import dev.tidemark.migration.SmuggledTargets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A restore target that hides driver options is refused at once, before any job starts or connects. */
@Timeout(120)
class RestoreTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static List<SmuggledTargets.Target> targets() {
        return SmuggledTargets.all();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aSmuggledTargetIsAnsweredWith400AndTheTargetStaysEmpty(SmuggledTargets.Target smuggled) throws Exception {
        try (ScratchDatabase target = ScratchDatabase.create(smuggled.backend(), dir);
             TestServer server = TestServer.start(dir, Map.of()).login()) {
            String id = server.tidemark.createSnapshot("main", new JobProgress("snapshot", null)).id();
            for (boolean replace : new boolean[] {false, true}) {
                TestServer.Reply reply = server.post("/api/snapshots/" + id + "/restore",
                        JSON.writeValueAsString(Map.of("target", smuggled.url(target), "replace", replace)));
                assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
                assertThat(reply.json().get("error").asText()).startsWith("invalid ").contains(smuggled.problem());
                assertThat(reply.body()).doesNotContain(SmuggledTargets.SECRET).doesNotContain("\\u0000");
            }
            assertThat(server.get("/api/jobs").json()).isEmpty();
            assertThat(server.get("/api/status").body()).doesNotContain(SmuggledTargets.SECRET);
            assertThat(target.tables()).isEmpty();
        }
    }
}

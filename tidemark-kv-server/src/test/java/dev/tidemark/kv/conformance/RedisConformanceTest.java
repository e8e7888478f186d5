package dev.tidemark.kv.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tidemark.kv.server.KvServer;
import dev.tidemark.kv.server.KvSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same command scripts (src/test/resources/conformance, one per command family) sent to a real
 * redis-server and to the built-in server, in RESP2 and in RESP3: every reply must be byte for byte the same.
 */
class RedisConformanceTest {
    private static final List<String> SCRIPTS = List.of("protocol", "keys", "strings", "bits", "hashes", "lists",
        "blocking", "sets", "streams", "transactions", "pubsub", "connection", "server");
    private static RedisServerProcess redis;
    private static KvServer kv;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start();
        kv = new KvServer(KvSettings.local(0, dataDir)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kv != null) {
            kv.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> scriptsGiveTheSameRepliesAsRedis() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String script : SCRIPTS) {
            for (int protocol : new int[] {2, 3}) {
                tests.add(DynamicTest.dynamicTest(script + " RESP" + protocol, () -> runScript(script, protocol)));
            }
        }
        return tests.stream();
    }

    private static void runScript(String name, int protocol) throws Exception {
        List<String> lines;
        try (var in = RedisConformanceTest.class.getResourceAsStream("/conformance/" + name + ".redis")) {
            assertThat(in).as("script " + name).isNotNull();
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        try (ScriptRunner runner = new ScriptRunner(redis.port(), kv.port(), protocol)) {
            runner.run(name, List.of("@ignore FLUSHALL", "@ignore SELECT 0"));
            runner.run(name, lines);
            if (!runner.mismatches().isEmpty()) {
                fail(runner.mismatches().size() + " replies differ from redis-server:\n"
                    + String.join("\n", runner.mismatches()));
            }
        }
    }

}

package dev.tidemark.kv.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.kv.server.KvServer;
import dev.tidemark.kv.server.KvSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Long random sequences of stream commands (appends of varied shapes and sizes, deletions, exact and approximate
 * trimming, ranges, consumer group reads, acknowledgements and claims) sent to redis-server and to the built-in
 * server under several node size settings: every reply must be identical, which holds only if the built-in
 * store splits and trims nodes at the same entries as Redis and keeps the same group counters.
 */
class StreamDifferentialTest {
    private static final int OPERATIONS = 1500;
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

    @ParameterizedTest(name = "stream-node-max-entries {0}, stream-node-max-bytes {1}, seed {2}")
    @CsvSource({"100, 4096, 1", "3, 4096, 2", "1, 0, 3", "10, 120, 4", "0, 300, 5", "7, 0, 6"})
    void randomCommandsGiveTheSameRepliesAsRedis(int maxEntries, int maxBytes, long seed) throws Exception {
        try (TestClient expected = new TestClient(redis.port()); TestClient actual = new TestClient(kv.port())) {
            List<String> mismatches = new ArrayList<>();
            Session session = new Session(new Random(seed));
            List<String[]> setup = List.of(new String[] {"FLUSHALL"},
                new String[] {"CONFIG", "SET", "stream-node-max-entries", Integer.toString(maxEntries)},
                new String[] {"CONFIG", "SET", "stream-node-max-bytes", Integer.toString(maxBytes)},
                new String[] {"XGROUP", "CREATE", "s", "g1", "0", "MKSTREAM"},
                new String[] {"XGROUP", "CREATE", "s", "g2", "$"});
            List<String[]> commands = new ArrayList<>(setup);
            for (int i = 0; i < OPERATIONS; i++) {
                commands.add(session.next());
            }
            commands.add(new String[] {"XRANGE", "s", "-", "+"});
            commands.add(new String[] {"XINFO", "STREAM", "s"});
            for (String[] command : commands) {
                String e = expected.call(command);
                String a = actual.call(command);
                if (!e.equals(a) && mismatches.size() < 5) {
                    mismatches.add(String.join(" ", command) + "\n    expected " + e.replace("\r\n", "\\r\\n")
                        + "\n    actual   " + a.replace("\r\n", "\\r\\n"));
                }
            }
            for (TestClient c : List.of(expected, actual)) {
                c.call("CONFIG", "SET", "stream-node-max-entries", "100");
                c.call("CONFIG", "SET", "stream-node-max-bytes", "4096");
            }
            assertThat(mismatches).isEmpty();
        }
    }

    /** Generates commands that mostly succeed, around the IDs added so far. */
    private static final class Session {
        private final Random random;
        private final List<String> ids = new ArrayList<>();
        private long ms = 1;

        Session(Random random) {
            this.random = random;
        }

        private String someId() {
            if (ids.isEmpty() || random.nextInt(8) == 0) {
                return (ms + random.nextInt(3) - 1) + "-" + random.nextInt(2);
            }
            return ids.get(random.nextInt(ids.size()));
        }

        private String bound(String open) {
            int r = random.nextInt(6);
            return r == 0 ? open : (r == 1 ? "(" : "") + someId();
        }

        private String[] fields() {
            int shape = random.nextInt(6);
            String big = "x".repeat(random.nextInt(3) == 0 ? random.nextInt(300) : random.nextInt(20));
            return switch (shape) {
                case 0 -> new String[] {"f", "v" + random.nextInt(1000)};
                case 1 -> new String[] {"f", Integer.toString(random.nextInt(200000) - 100000)};
                case 2 -> new String[] {"a", "1", "b", big};
                case 3 -> new String[] {"other", big};
                case 4 -> new String[] {"f", Long.toString(random.nextLong())};
                default -> new String[] {"f", big, "g", "0" + random.nextInt(10)};
            };
        }

        private String[] add(String... options) {
            long[] gaps = {1, 1, 1, 2, 255, 256, 65536, 1L << 32};
            ms += gaps[random.nextInt(gaps.length)];
            String id = random.nextInt(10) == 0 ? ms + "-*" : ms + "-" + random.nextInt(3);
            if (id.endsWith("*")) {
                ids.add(ms + "-0");
            } else {
                ids.add(id);
            }
            List<String> c = new ArrayList<>(List.of("XADD", "s"));
            c.addAll(List.of(options));
            c.add(id);
            c.addAll(List.of(fields()));
            return c.toArray(String[]::new);
        }

        private List<String> trimOptions() {
            List<String> c = new ArrayList<>();
            boolean approximate = random.nextBoolean();
            if (random.nextBoolean()) {
                c.add("MAXLEN");
                c.add(approximate ? "~" : "=");
                c.add(Integer.toString(random.nextInt(Math.max(1, ids.size()))));
            } else {
                c.add("MINID");
                c.add(approximate ? "~" : "=");
                c.add(someId());
            }
            if (approximate && random.nextBoolean()) {
                c.add("LIMIT");
                c.add(Integer.toString(random.nextInt(30)));
            }
            return c;
        }

        String[] next() {
            String consumer = "c" + random.nextInt(3);
            int op = random.nextInt(100);
            if (op < 40) {
                return add();
            }
            if (op < 44) {
                return add(trimOptions().toArray(String[]::new));
            }
            if (op < 52) {
                return random.nextBoolean() ? new String[] {"XDEL", "s", someId()} : new String[] {"XDEL", "s", someId(), someId()};
            }
            if (op < 57) {
                List<String> c = new ArrayList<>(List.of("XTRIM", "s"));
                c.addAll(trimOptions());
                return c.toArray(String[]::new);
            }
            if (op < 65) {
                String[] c = {random.nextBoolean() ? "XRANGE" : "XREVRANGE", "s", "", "", "COUNT", Integer.toString(random.nextInt(8))};
                boolean rev = c[0].equals("XREVRANGE");
                c[2] = bound(rev ? "+" : "-");
                c[3] = bound(rev ? "-" : "+");
                return c;
            }
            if (op < 68) {
                return new String[] {"XINFO", "STREAM", "s"};
            }
            if (op < 76) {
                return new String[] {"XREADGROUP", "GROUP", random.nextBoolean() ? "g1" : "g2", consumer, "COUNT",
                    Integer.toString(1 + random.nextInt(5)), "STREAMS", "s", random.nextInt(4) == 0 ? "0" : ">"};
            }
            if (op < 80) {
                return new String[] {"XACK", "s", "g1", someId(), someId()};
            }
            if (op < 83) {
                return new String[] {"XCLAIM", "s", "g1", consumer, "0", someId(), someId(), "JUSTID", "TIME", "1000"};
            }
            if (op < 86) {
                return new String[] {"XAUTOCLAIM", "s", "g1", consumer, "0", bound("-"), "COUNT",
                    Integer.toString(1 + random.nextInt(4)), "JUSTID"};
            }
            if (op < 90) {
                return new String[] {"XPENDING", "s", random.nextBoolean() ? "g1" : "g2"};
            }
            if (op < 92) {
                return random.nextBoolean() ? new String[] {"XGROUP", "SETID", "s", "g2", someId()}
                    : new String[] {"XGROUP", "SETID", "s", "g2", someId(), "ENTRIESREAD", Integer.toString(random.nextInt(20))};
            }
            if (op < 97) {
                return new String[] {"XINFO", "GROUPS", "s"};
            }
            return new String[] {"XLEN", "s"};
        }
    }
}

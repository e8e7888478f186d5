package dev.tidemark.kv.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.kv.conformance.TestClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour that cannot be compared byte for byte with Redis (random, time-dependent, or at scale). */
class KvServerPropertiesTest {
    @TempDir
    static Path dataDir;
    private static KvServer server;

    @BeforeAll
    static void start() {
        server = new KvServer(KvSettings.local(0, dataDir)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void flush() throws Exception {
        try (TestClient c = new TestClient(server.port())) {
            c.call("FLUSHALL");
        }
    }

    @Test
    void clientIdsAreDistinctAndIncreasing() throws Exception {
        try (TestClient a = new TestClient(server.port()); TestClient b = new TestClient(server.port())) {
            long first = Long.parseLong(a.callValue("CLIENT", "ID"));
            long second = Long.parseLong(b.callValue("CLIENT", "ID"));
            assertThat(second).isGreaterThan(first);
            assertThat(a.callValue("CLIENT", "INFO")).startsWith("id=" + first + " addr=127.0.0.1:");
            assertThat(a.callValue("CLIENT", "LIST")).contains("id=" + first + " ").contains("id=" + second + " ");
        }
    }

    @Test
    void timeIsTheWallClockAndInfoHasTheFieldsClientsRead() throws Exception {
        try (TestClient c = new TestClient(server.port())) {
            List<String> time = c.callList("TIME");
            assertThat(Long.parseLong(time.get(0))).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(2L));
            assertThat(Long.parseLong(time.get(1))).isBetween(0L, 999_999L);
            c.call("SET", "k", "v");
            c.call("SET", "t", "v", "EX", "100");
            String info = c.callValue("INFO");
            assertThat(info).contains("# Server\r\nredis_version:7.0.15\r\n", "redis_mode:standalone", "# Clients\r\nconnected_clients:",
                "# Memory\r\nused_memory:", "# Persistence\r\nloading:0", "# Stats\r\ntotal_connections_received:",
                "# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0");
            assertThat(c.callValue("INFO", "keyspace")).isEqualTo("# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n");
        }
    }

    @Test
    void randomMembersComeFromTheCollection() throws Exception {
        try (TestClient c = new TestClient(server.port())) {
            c.call("SADD", "s", "a", "b", "c", "d", "e");
            Set<String> all = Set.of("a", "b", "c", "d", "e");
            List<String> two = c.callList("SRANDMEMBER", "s", "2");
            assertThat(two).hasSize(2).doesNotHaveDuplicates().isSubsetOf(all);
            assertThat(c.callList("SRANDMEMBER", "s", "-20")).hasSize(20).isSubsetOf(all);
            List<String> popped = c.callList("SPOP", "s", "3");
            assertThat(popped).hasSize(3).doesNotHaveDuplicates().isSubsetOf(all);
            assertThat(c.callList("SMEMBERS", "s")).hasSize(2).doesNotContainAnyElementsOf(popped);
            c.call("HSET", "h", "f1", "v1", "f2", "v2", "f3", "v3");
            List<String> withValues = c.callList("HRANDFIELD", "h", "-6", "WITHVALUES");
            assertThat(withValues).hasSize(12);
            for (int i = 0; i < withValues.size(); i += 2) {
                assertThat(withValues.get(i + 1)).isEqualTo("v" + withValues.get(i).substring(1));
            }
            assertThat(c.callValue("RANDOMKEY")).isIn("s", "h");
        }
    }

    @Test
    void scanReturnsEveryKeyPresentThroughoutWhileTheTableGrowsAndShrinks() throws Exception {
        try (TestClient c = new TestClient(server.port()); TestClient writer = new TestClient(server.port())) {
            Set<String> stable = new HashSet<>();
            for (int i = 0; i < 2000; i++) {
                c.call("SET", "stable:" + i, "v");
                stable.add("stable:" + i);
            }
            Set<String> seen = new HashSet<>();
            String cursor = "0";
            int round = 0;
            do {
                List<String> reply = scan(c, cursor);
                cursor = reply.get(0);
                seen.addAll(reply.subList(1, reply.size()));
                // grow the table a lot early on, then shrink it again, while the scan is under way
                for (int k = 0; k < 200 && round < 40; k++) {
                    writer.call("SET", "churn:" + round + ":" + k, "v");
                }
                if (round == 60) {
                    for (int r = 0; r < 40; r++) {
                        for (int k = 0; k < 200; k++) {
                            writer.call("DEL", "churn:" + r + ":" + k);
                        }
                    }
                }
                round++;
            } while (!cursor.equals("0"));
            assertThat(seen).containsAll(stable);
        }
    }

    private static List<String> scan(TestClient c, String cursor) throws Exception {
        c.send("SCAN", cursor, "COUNT", "10");
        String raw = c.read();
        // *2 $n cursor *m keys...
        List<String> out = new ArrayList<>();
        String[] parts = raw.split("\r\n");
        out.add(parts[2]);
        for (int i = 4; i + 1 < parts.length; i += 2) {
            out.add(parts[i + 1]);
        }
        return out;
    }

    @Test
    void activeExpiryReclaimsKeysNobodyReads() throws Exception {
        try (TestClient c = new TestClient(server.port())) {
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < 20000; i++) {
                String key = "volatile:" + i;
                pipeline.append("*5\r\n$3\r\nSET\r\n$").append(key.length()).append("\r\n").append(key)
                    .append("\r\n$1\r\nv\r\n$2\r\nPX\r\n$2\r\n50\r\n");
            }
            c.call("SET", "persistent", "v");
            c.sendRaw(pipeline.toString().getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 20000; i++) {
                assertThat(c.read()).isEqualTo("+OK\r\n");
            }
            long deadline = System.currentTimeMillis() + 5000;
            String size;
            do {
                Thread.sleep(100);
                size = c.callValue("DBSIZE");
            } while (!size.equals("1") && System.currentTimeMillis() < deadline);
            assertThat(size).as("keys left after their TTL without any access").isEqualTo("1");
        }
    }

    @Test
    void commandsSplitAtEveryByteAndPipelinedGiveTheSameReplies() throws Exception {
        byte[] pipeline = ("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\nGET k\r\n*2\r\n$6\r\nAPPEND\r\n$1\r\nk\r\n"
            + "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n").repeat(3).getBytes(StandardCharsets.ISO_8859_1);
        try (TestClient c = new TestClient(server.port())) {
            for (byte b : pipeline) {
                c.sendRaw(new byte[] {b});
            }
            StringBuilder replies = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                replies.append(c.read());
            }
            assertThat(replies.toString()).isEqualTo("+OK\r\n$5\r\nhello\r\n-ERR wrong number of arguments for 'append' command\r\n+OK\r\n".repeat(3));
        }
    }

    @Test
    void aLargeValueRoundTrips() throws Exception {
        byte[] value = new byte[20 * 1024 * 1024];
        new java.util.Random(7).nextBytes(value);
        ByteArrayOutputStream cmd = new ByteArrayOutputStream();
        cmd.writeBytes(("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + value.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        cmd.writeBytes(value);
        cmd.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        try (TestClient c = new TestClient(server.port())) {
            c.sendRaw(cmd.toByteArray());
            assertThat(c.read()).isEqualTo("+OK\r\n");
            assertThat(c.callValue("STRLEN", "big")).isEqualTo(Integer.toString(value.length));
            String got = c.callValue("GET", "big");
            assertThat(got.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(value);
        }
    }

    @Test
    void authIsRequiredWhenAPasswordIsSet() throws Exception {
        try (KvServer secured = new KvServer(new KvSettings("127.0.0.1", 0, "s3cret", FsyncPolicy.EVERYSEC, dataDir)).start();
             TestClient c = new TestClient(secured.port())) {
            assertThat(c.call("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(c.call("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(c.call("AUTH", "wrong")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            assertThat(c.call("HELLO", "3")).startsWith("-NOAUTH HELLO must be called with the client already authenticated");
            assertThat(c.call("AUTH", "default", "s3cret")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "k")).isEqualTo("$-1\r\n");
            assertThat(c.call("RESET")).isEqualTo("+RESET\r\n");
            assertThat(c.call("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(c.call("HELLO", "3", "AUTH", "default", "s3cret", "SETNAME", "me")).startsWith("%7\r\n");
            assertThat(c.callValue("CLIENT", "GETNAME")).isEqualTo("me");
            assertThat(c.call("CONFIG", "GET", "requirepass")).contains("s3cret");
        }
    }

    @Test
    void connectionsBeyondMaxclientsAreRefusedWithRedisError() throws Exception {
        try (KvServer small = new KvServer(KvSettings.local(0, dataDir)).start();
             TestClient first = new TestClient(small.port())) {
            assertThat(first.call("CONFIG", "SET", "maxclients", "1")).isEqualTo("+OK\r\n");
            try (TestClient second = new TestClient(small.port())) {
                assertThat(second.read()).isEqualTo("-ERR max number of clients reached\r\n");
            }
            assertThat(first.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void settingsRefuseANonLoopbackAddressWithoutAPassword() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KvSettings("0.0.0.0", 6380, null, FsyncPolicy.EVERYSEC, dataDir))
            .isInstanceOf(dev.tidemark.error.TidemarkException.class)
            .hasMessageContaining("0.0.0.0 without a password");
        assertThat(new KvSettings("0.0.0.0", 6380, "pw", FsyncPolicy.EVERYSEC, dataDir).toString()).doesNotContain("pw");
    }
}

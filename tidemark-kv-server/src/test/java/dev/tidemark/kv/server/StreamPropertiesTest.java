package dev.tidemark.kv.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.kv.conformance.TestClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stream behaviour that depends on the clock or on scale, checked by property rather than against Redis. */
class StreamPropertiesTest {
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

    private static long[] id(String text) {
        int dash = text.indexOf('-');
        return new long[] {Long.parseUnsignedLong(text.substring(0, dash)), Long.parseUnsignedLong(text.substring(dash + 1))};
    }

    @Test
    void generatedIdsFollowTheClockAndAlwaysIncrease() throws Exception {
        try (TestClient c = new TestClient(server.port())) {
            long before = System.currentTimeMillis();
            long[] previous = {0, 0};
            for (int i = 0; i < 2000; i++) {
                long[] id = id(c.callValue("XADD", "s", "*", "n", Integer.toString(i)));
                assertThat(id[0]).isBetween(before, System.currentTimeMillis());
                if (id[0] == previous[0]) {
                    assertThat(id[1]).isEqualTo(previous[1] + 1);
                } else {
                    assertThat(id[0]).isGreaterThan(previous[0]);
                    assertThat(id[1]).isZero();
                }
                previous = id;
            }
            assertThat(c.callValue("XLEN", "s")).isEqualTo("2000");
            long future = System.currentTimeMillis() + 3_600_000;
            assertThat(c.callValue("XADD", "s", future + "-*", "a", "1")).isEqualTo(future + "-0");
            assertThat(c.callValue("XADD", "s", "*", "a", "1")).isEqualTo(future + "-1");
            assertThat(c.callValue("XADD", "s", future + "-*", "a", "1")).isEqualTo(future + "-2");
        }
    }

    @Test
    void blockedReadsEndWithANullReplyWhenTheirTimeoutPasses() throws Exception {
        try (TestClient c = new TestClient(server.port())) {
            c.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
            long start = System.nanoTime();
            assertThat(c.call("XREAD", "BLOCK", "200", "STREAMS", "s", "$")).isEqualTo("*-1\r\n");
            assertThat(c.call("XREADGROUP", "GROUP", "g", "c", "BLOCK", "200", "STREAMS", "s", ">")).isEqualTo("*-1\r\n");
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMs).isBetween(400L, 3000L);
            // the consumer of a read that timed out was never created, as in Redis
            assertThat(c.call("XINFO", "CONSUMERS", "s", "g")).isEqualTo("*0\r\n");
        }
    }

    @Test
    void clientUnblockEndsAStreamWaitAsATimeoutOrWithAnError() throws Exception {
        try (TestClient reader = new TestClient(server.port()); TestClient admin = new TestClient(server.port())) {
            String id = reader.callValue("CLIENT", "ID");
            reader.send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
            waitUntilBlocked(admin, 1);
            assertThat(admin.callValue("CLIENT", "UNBLOCK", id)).isEqualTo("1");
            assertThat(reader.read()).isEqualTo("*-1\r\n");
            reader.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
            reader.send("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
            waitUntilBlocked(admin, 1);
            assertThat(admin.callValue("CLIENT", "UNBLOCK", id, "ERROR")).isEqualTo("1");
            assertThat(reader.read()).isEqualTo("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n");
            assertThat(reader.callValue("PING")).isEqualTo("PONG");
        }
    }

    private static void waitUntilBlocked(TestClient c, int n) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (c.callValue("INFO", "clients").contains("blocked_clients:" + n + "\r\n")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no client blocked");
    }

    @Test
    void pendingEntriesAgeAndClaimsSetTheirIdleTime() throws Exception {
        try (TestClient c = new TestClient(server.port())) {
            c.call("XADD", "s", "1-0", "a", "1");
            c.call("XGROUP", "CREATE", "s", "g", "0");
            c.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
            Thread.sleep(150);
            assertThat(Long.parseLong(pendingIdle(c))).isBetween(150L, 5000L);
            assertThat(c.call("XPENDING", "s", "g", "IDLE", "100000", "-", "+", "10")).isEqualTo("*0\r\n");
            c.call("XCLAIM", "s", "g", "bob", "0", "1-0", "IDLE", "60000", "JUSTID");
            assertThat(Long.parseLong(pendingIdle(c))).isBetween(60000L, 65000L);
            assertThat(c.call("XAUTOCLAIM", "s", "g", "carol", "50000", "0", "JUSTID")).isEqualTo("*3\r\n$3\r\n0-0\r\n*1\r\n$3\r\n1-0\r\n*0\r\n");
            assertThat(Long.parseLong(pendingIdle(c))).isLessThan(5000L);
        }
    }

    private static String pendingIdle(TestClient c) throws Exception {
        String reply = c.call("XPENDING", "s", "g", "-", "+", "1");
        String[] lines = reply.split("\r\n");
        return lines[lines.length - 2].substring(1);
    }

    @Test
    void aLargeStreamIsPagedTrimmedAndDeletedFrom() throws Exception {
        int n = 200_000;
        try (TestClient c = new TestClient(server.port())) {
            for (int i = 1; i <= n; i++) {
                c.send("XADD", "big", i + "-1", "field", "value" + i);
            }
            for (int i = 1; i <= n; i++) {
                assertThat(c.read()).isEqualTo("$" + (i + "-1").length() + "\r\n" + i + "-1\r\n");
            }
            assertThat(c.callValue("XLEN", "big")).isEqualTo(Integer.toString(n));
            String raw = c.call("XINFO", "STREAM", "big");
            // small entries: nodes close at stream-node-max-entries (100), as in Redis
            assertThat(raw).contains("$15\r\nradix-tree-keys\r\n:2000\r\n");
            List<Long> seen = new ArrayList<>();
            String start = "-";
            while (true) {
                String page = c.call("XRANGE", "big", start, "+", "COUNT", "5000");
                List<Long> ids = new ArrayList<>();
                for (String line : page.split("\r\n")) {
                    if (line.endsWith("-1") && !line.startsWith("$") && !line.startsWith("*")) {
                        ids.add(Long.parseLong(line.substring(0, line.length() - 2)));
                    }
                }
                if (ids.isEmpty()) {
                    break;
                }
                seen.addAll(ids);
                start = "(" + ids.get(ids.size() - 1) + "-1";
            }
            assertThat(seen).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(seen.get(i)).isEqualTo(i + 1L);
            }
            // approximate trimming removes whole nodes, at most 100 nodes' worth unless LIMIT says otherwise
            assertThat(c.callValue("XTRIM", "big", "MAXLEN", "~", "150050")).isEqualTo("10000");
            assertThat(c.callValue("XTRIM", "big", "MAXLEN", "~", "150050", "LIMIT", "0")).isEqualTo("39900");
            assertThat(c.callValue("XLEN", "big")).isEqualTo("150100");
            assertThat(c.callValue("XTRIM", "big", "MINID", "160000")).isEqualTo(Integer.toString(160000 - 49901));
            assertThat(c.callValue("XDEL", "big", "170000-1", "170001-1", "1-1")).isEqualTo("2");
            assertThat(c.call("XRANGE", "big", "169999-1", "170002-1")).contains("169999-1").contains("170002-1")
                .doesNotContain("170000-1").doesNotContain("170001-1");
            assertThat(c.call("XREVRANGE", "big", "+", "-", "COUNT", "1")).contains("$8\r\n200000-1\r\n");
            assertThat(c.callValue("XLEN", "big")).isEqualTo(Integer.toString(n - 160000 + 1 - 2));
        }
    }
}

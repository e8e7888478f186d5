package dev.tidemark.kv.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.kv.conformance.RedisServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/** The server driven by real clients: Jedis in RESP2 and RESP3, redis-cli and redis-benchmark. */
class RealClientsTest {
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

    private static Jedis jedis(RedisProtocol protocol) {
        return new Jedis(new HostAndPort("127.0.0.1", server.port()),
            DefaultJedisClientConfig.builder().protocol(protocol).timeoutMillis(10_000).build());
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    void jedisDataCommands(RedisProtocol protocol) {
        try (Jedis j = jedis(protocol)) {
            j.flushAll();
            assertThat(j.set("s", "v", SetParams.setParams().ex(100))).isEqualTo("OK");
            assertThat(j.get("s")).isEqualTo("v");
            assertThat(j.ttl("s")).isBetween(99L, 100L);
            assertThat(j.incrBy("n", 41)).isEqualTo(41);
            assertThat(j.incrByFloat("f", 10.5)).isEqualTo(10.5);
            assertThat(j.hset("h", Map.of("a", "1", "b", "2"))).isEqualTo(2);
            assertThat(j.hgetAll("h")).isEqualTo(Map.of("a", "1", "b", "2"));
            assertThat(j.rpush("l", "x", "y", "z")).isEqualTo(3);
            assertThat(j.lrange("l", 0, -1)).containsExactly("x", "y", "z");
            assertThat(j.sadd("set", "3", "1", "2")).isEqualTo(3);
            assertThat(j.smembers("set")).containsExactlyInAnyOrder("1", "2", "3");
            assertThat(j.mget("s", "nosuch")).containsExactly("v", null);
            assertThat(j.type("h")).isEqualTo("hash");
            ScanResult<String> page = j.scan(ScanParams.SCAN_POINTER_START, new ScanParams().count(100));
            assertThat(page.getResult()).containsExactlyInAnyOrder("s", "n", "f", "h", "l", "set");
            assertThat(j.dbSize()).isEqualTo(6);
            assertThat(j.ping()).isEqualTo("PONG");
            assertThat(j.clientId()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    void jedisTransactionsPipelinesAndBlockingPops(RedisProtocol protocol) throws Exception {
        try (Jedis j = jedis(protocol); Jedis other = jedis(protocol)) {
            j.flushAll();
            Transaction tx = j.multi();
            tx.set("a", "1");
            tx.incr("a");
            tx.lpush("a", "x");
            List<Object> results = tx.exec();
            assertThat(results).hasSize(3);
            assertThat(results.get(1)).isEqualTo(2L);
            assertThat(results.get(2)).isInstanceOf(Exception.class);

            j.watch("w");
            other.set("w", "changed");
            Transaction watched = j.multi();
            watched.set("w", "mine");
            assertThat(watched.exec()).isNull();

            Pipeline p = j.pipelined();
            for (int i = 0; i < 1000; i++) {
                p.set("p" + i, Integer.toString(i));
            }
            p.sync();
            assertThat(j.get("p999")).isEqualTo("999");

            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> {
                try (Jedis blocker = jedis(protocol)) {
                    return blocker.blpop(5, "queue");
                }
            });
            Thread.sleep(200);
            other.rpush("queue", "job");
            assertThat(popped.get(5, TimeUnit.SECONDS)).containsExactly("queue", "job");
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    void jedisPubSub(RedisProtocol protocol) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                received.add(channel + "=" + message);
                if (message.equals("bye")) {
                    unsubscribe();
                }
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                received.add(pattern + ":" + channel + "=" + message);
                punsubscribe();
            }
        };
        CompletableFuture<Void> subscriber = CompletableFuture.runAsync(() -> {
            try (Jedis sub = jedis(protocol)) {
                sub.subscribe(listener, "news");
            }
        });
        try (Jedis pub = jedis(protocol)) {
            long deadline = System.currentTimeMillis() + 5000;
            while (pub.pubsubNumSub("news").get("news") == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(pub.publish("news", "hello")).isEqualTo(1);
            listener.psubscribe("n*");
            while (pub.pubsubNumPat() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(pub.publish("news", "bye")).isEqualTo(2);
        }
        subscriber.get(5, TimeUnit.SECONDS);
        assertThat(received).containsExactlyInAnyOrder("news=hello", "news=bye", "n*:news=bye");
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + new String(out, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String tool(String name) {
        Path exe = RedisServerProcess.executable().resolveSibling(name);
        assertThat(Files.isExecutable(exe)).as(name + " next to redis-server").isTrue();
        return exe.toString();
    }

    @Test
    void redisCli() throws Exception {
        String port = Integer.toString(server.port());
        String cli = tool("redis-cli");
        assertThat(run(cli, "-p", port, "SET", "cli", "hello world")).isEqualTo("OK\n");
        assertThat(run(cli, "-p", port, "GET", "cli")).isEqualTo("hello world\n");
        assertThat(run(cli, "-p", port, "RPUSH", "cl", "a", "b")).isEqualTo("2\n");
        assertThat(run(cli, "-p", port, "LRANGE", "cl", "0", "-1")).isEqualTo("a\nb\n");
        assertThat(run(cli, "-3", "-p", port, "HSET", "ch", "f", "v")).isEqualTo("1\n");
        assertThat(run(cli, "-3", "-p", port, "HGETALL", "ch")).isEqualTo("f v\n");
        assertThat(run(cli, "-p", port, "NOSUCH", "x")).contains("ERR unknown command 'NOSUCH'");
    }

    @Test
    void redisBenchmarkRunsEveryTest() throws Exception {
        String out = run(tool("redis-benchmark"), "-p", Integer.toString(server.port()), "-t", "set,get,incr,lpush,lpop,sadd,hset",
            "-n", "20000", "-q");
        for (String test : List.of("SET", "GET", "INCR", "LPUSH", "LPOP", "SADD", "HSET")) {
            assertThat(out).containsPattern("(?m)^" + test + ": [0-9.]+ requests per second");
        }
    }
}

package dev.tidemark.kv.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamFullInfo;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingEntry;
import redis.clients.jedis.resps.StreamPendingSummary;

/** Streams and consumer groups driven by Jedis in RESP2 and RESP3, blocking reads served by another client. */
class StreamClientsTest {
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

    private static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    void consumerGroupsDeliverAcknowledgeAndHandOverEntries(RedisProtocol protocol) {
        try (Jedis j = jedis(protocol)) {
            j.flushAll();
            assertThat(j.xgroupCreate("orders", "workers", new StreamEntryID(0, 0), true)).isEqualTo("OK");
            for (int i = 1; i <= 5; i++) {
                assertThat(j.xadd("orders", XAddParams.xAddParams().id(new StreamEntryID(i, 0)), fields("order", "o" + i, "qty", Integer.toString(i))))
                    .isEqualTo(new StreamEntryID(i, 0));
            }
            assertThat(j.xlen("orders")).isEqualTo(5);

            var first = j.xreadGroup("workers", "alice", XReadGroupParams.xReadGroupParams().count(2),
                Map.of("orders", StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
            assertThat(first).hasSize(1);
            assertThat(first.get(0).getKey()).isEqualTo("orders");
            assertThat(first.get(0).getValue()).extracting(StreamEntry::getFields)
                .containsExactly(fields("order", "o1", "qty", "1"), fields("order", "o2", "qty", "2"));
            var rest = j.xreadGroup("workers", "bob", XReadGroupParams.xReadGroupParams(),
                Map.of("orders", StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
            assertThat(rest.get(0).getValue()).extracting(StreamEntry::getID)
                .containsExactly(new StreamEntryID(3, 0), new StreamEntryID(4, 0), new StreamEntryID(5, 0));

            StreamPendingSummary summary = j.xpending("orders", "workers");
            assertThat(summary.getTotal()).isEqualTo(5);
            assertThat(summary.getMinId()).isEqualTo(new StreamEntryID(1, 0));
            assertThat(summary.getMaxId()).isEqualTo(new StreamEntryID(5, 0));
            assertThat(summary.getConsumerMessageCount()).isEqualTo(Map.of("alice", 2L, "bob", 3L));

            assertThat(j.xack("orders", "workers", new StreamEntryID(1, 0), new StreamEntryID(3, 0))).isEqualTo(2);
            List<StreamPendingEntry> pending = j.xpending("orders", "workers", XPendingParams.xPendingParams().count(10));
            assertThat(pending).extracting(StreamPendingEntry::getID)
                .containsExactly(new StreamEntryID(2, 0), new StreamEntryID(4, 0), new StreamEntryID(5, 0));
            assertThat(pending).allSatisfy(p -> assertThat(p.getDeliveredTimes()).isEqualTo(1));

            List<StreamEntry> claimed = j.xclaim("orders", "workers", "carol", 0, XClaimParams.xClaimParams(), new StreamEntryID(2, 0));
            assertThat(claimed).extracting(StreamEntry::getFields).containsExactly(fields("order", "o2", "qty", "2"));
            var auto = j.xautoclaim("orders", "workers", "dave", 0, new StreamEntryID(0, 0), XAutoClaimParams.xAutoClaimParams().count(2));
            assertThat(auto.getKey()).isEqualTo(new StreamEntryID(5, 0));
            assertThat(auto.getValue()).extracting(StreamEntry::getID).containsExactly(new StreamEntryID(2, 0), new StreamEntryID(4, 0));
            List<StreamPendingEntry> dave = j.xpending("orders", "workers", XPendingParams.xPendingParams().count(10).consumer("dave"));
            assertThat(dave).extracting(StreamPendingEntry::getDeliveredTimes).containsExactly(3L, 2L);

            List<StreamGroupInfo> groups = j.xinfoGroups("orders");
            assertThat(groups).hasSize(1);
            assertThat(groups.get(0).getName()).isEqualTo("workers");
            assertThat(groups.get(0).getPending()).isEqualTo(3);
            assertThat(groups.get(0).getConsumers()).isEqualTo(4);
            assertThat(groups.get(0).getLastDeliveredId()).isEqualTo(new StreamEntryID(5, 0));
            StreamFullInfo full = j.xinfoStreamFull("orders");
            assertThat(full.getLength()).isEqualTo(5);
            assertThat(full.getEntries()).hasSize(5);
            assertThat(full.getGroups().get(0).getConsumers()).hasSize(4);
            assertThat(j.xinfoStream("orders").getLastEntry().getFields()).isEqualTo(fields("order", "o5", "qty", "5"));
            assertThat(j.type("orders")).isEqualTo("stream");
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    void blockingReadsAreServedByAnotherClientsAppend(RedisProtocol protocol) throws Exception {
        try (Jedis j = jedis(protocol)) {
            j.flushAll();
            j.xgroupCreate("events", "g", StreamEntryID.XGROUP_LAST_ENTRY, true);
            CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> group = CompletableFuture.supplyAsync(() -> {
                try (Jedis reader = jedis(protocol)) {
                    return reader.xreadGroup("g", "worker", XReadGroupParams.xReadGroupParams().block(5000),
                        Map.of("events", StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
                }
            });
            CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> plain = CompletableFuture.supplyAsync(() -> {
                try (Jedis reader = jedis(protocol)) {
                    return reader.xread(XReadParams.xReadParams().block(5000), Map.of("events", StreamEntryID.XREAD_NEW_ENTRY));
                }
            });
            long deadline = System.currentTimeMillis() + 5000;
            while (!j.info("clients").contains("blocked_clients:2") && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            StreamEntryID id = j.xadd("events", XAddParams.xAddParams(), fields("type", "signup"));
            for (var reply : List.of(group.get(5, TimeUnit.SECONDS), plain.get(5, TimeUnit.SECONDS))) {
                assertThat(reply).hasSize(1);
                assertThat(reply.get(0).getKey()).isEqualTo("events");
                assertThat(reply.get(0).getValue()).extracting(StreamEntry::getID).containsExactly(id);
                assertThat(reply.get(0).getValue().get(0).getFields()).isEqualTo(fields("type", "signup"));
            }
            assertThat(j.xpending("events", "g").getConsumerMessageCount()).isEqualTo(Map.of("worker", 1L));
        }
    }
}

package dev.tidemark.kv.command;

import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.ByteKey;
import dev.tidemark.kv.store.Glob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Channel and pattern subscriptions, and message delivery (RESP2 arrays or RESP3 pushes). */
public final class PubSub {
    private static final byte[] MESSAGE = "message".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private static final byte[] PMESSAGE = "pmessage".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private final Map<ByteKey, Set<Client>> channels = new LinkedHashMap<>();
    private final Map<ByteKey, Set<Client>> patterns = new LinkedHashMap<>();

    public boolean subscribe(Client c, ByteKey channel) {
        if (!c.channels.add(channel)) {
            return false;
        }
        channels.computeIfAbsent(channel, k -> new LinkedHashSet<>()).add(c);
        return true;
    }

    public boolean unsubscribe(Client c, ByteKey channel) {
        if (!c.channels.remove(channel)) {
            return false;
        }
        remove(channels, channel, c);
        return true;
    }

    public boolean psubscribe(Client c, ByteKey pattern) {
        if (!c.patterns.add(pattern)) {
            return false;
        }
        patterns.computeIfAbsent(pattern, k -> new LinkedHashSet<>()).add(c);
        return true;
    }

    public boolean punsubscribe(Client c, ByteKey pattern) {
        if (!c.patterns.remove(pattern)) {
            return false;
        }
        remove(patterns, pattern, c);
        return true;
    }

    private static void remove(Map<ByteKey, Set<Client>> map, ByteKey key, Client c) {
        Set<Client> subs = map.get(key);
        if (subs != null) {
            subs.remove(c);
            if (subs.isEmpty()) {
                map.remove(key);
            }
        }
    }

    public void unsubscribeAll(Client c) {
        for (ByteKey ch : new ArrayList<>(c.channels)) {
            unsubscribe(c, ch);
        }
        for (ByteKey p : new ArrayList<>(c.patterns)) {
            punsubscribe(c, p);
        }
    }

    /** Delivers a message and returns the number of clients that received it. */
    public long publish(byte[] channel, byte[] message) {
        long receivers = 0;
        Set<Client> subs = channels.get(new ByteKey(channel));
        if (subs != null) {
            for (Client c : subs) {
                Reply r = c.out();
                r.push(3);
                r.bulk(MESSAGE);
                r.bulk(channel);
                r.bulk(message);
                receivers++;
            }
        }
        for (Map.Entry<ByteKey, Set<Client>> e : patterns.entrySet()) {
            if (Glob.matches(e.getKey().bytes(), channel)) {
                for (Client c : e.getValue()) {
                    Reply r = c.out();
                    r.push(4);
                    r.bulk(PMESSAGE);
                    r.bulk(e.getKey().bytes());
                    r.bulk(channel);
                    r.bulk(message);
                    receivers++;
                }
            }
        }
        return receivers;
    }

    /** Active channels (with at least one subscriber) matching the pattern, or all when pattern is null. */
    public List<byte[]> channels(byte[] pattern) {
        List<byte[]> out = new ArrayList<>();
        for (ByteKey k : channels.keySet()) {
            if (pattern == null || Glob.matches(pattern, k.bytes())) {
                out.add(k.bytes());
            }
        }
        return out;
    }

    public int subscribers(byte[] channel) {
        Set<Client> subs = channels.get(new ByteKey(channel));
        return subs == null ? 0 : subs.size();
    }

    public int patternCount() {
        return patterns.size();
    }

    public int channelCount() {
        return channels.size();
    }
}

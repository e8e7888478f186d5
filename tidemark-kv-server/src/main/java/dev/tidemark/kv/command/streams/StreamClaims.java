package dev.tidemark.kv.command.streams;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.Entry;
import dev.tidemark.kv.store.StreamGroup;
import dev.tidemark.kv.store.StreamId;
import dev.tidemark.kv.store.StreamValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** XCLAIM and XAUTOCLAIM: pending entries change owner, with Redis's rules for idle times and delivery counts. */
final class StreamClaims {
    /** XAUTOCLAIM examines at most this many pending entries per entry it may claim. */
    private static final long ATTEMPTS_FACTOR = 10;
    /**
     * Redis allocates 16 bytes per COUNT before it starts and reports a failed allocation; an allocation this
     * large cannot succeed in a 64-bit process's address space.
     */
    private static final long LARGEST_ALLOCATION = 1L << 46;

    private StreamClaims() {
    }

    static List<CommandSpec> specs() {
        return List.of(
            of("xclaim", -6, "write fast", 1, 1, 1, "@write @stream @fast", StreamCommands.S, "Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered to the specified consumer.", StreamClaims::xclaim),
            of("xautoclaim", -6, "write fast", 1, 1, 1, "@write @stream @fast", StreamCommands.S, "Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered to the specified consumer.", StreamClaims::xautoclaim));
    }

    private static long longArg(Args a, int i, String error) {
        if (!a.isLong(i)) {
            throw new CommandError("ERR " + error);
        }
        return a.toLong(i);
    }

    private static StreamId tryId(Args a, int i) {
        try {
            return StreamIds.strict(a, i);
        } catch (CommandError notAnId) {
            return null;
        }
    }

    private static void xclaim(Client c, Args a) {
        Entry e = Values.read(c, a, 1);
        StreamValue s = Streams.value(e);
        StreamGroup g = Streams.group(s, a, 1, 2);
        long minIdle = Math.max(0, longArg(a, 4, "Invalid min-idle-time argument for XCLAIM"));
        List<StreamId> ids = new ArrayList<>();
        int j = 5;
        for (StreamId id; j < a.count() && (id = tryId(a, j)) != null; j++) {
            ids.add(id);
        }
        long now = c.engine().keyspace().now();
        long deliveryTime = -1;
        long retryCount = -1;
        boolean force = false;
        boolean justId = false;
        StreamId lastId = StreamId.MIN;
        for (; j < a.count(); j++) {
            boolean more = j + 1 < a.count();
            if (a.is(j, "force")) {
                force = true;
            } else if (a.is(j, "justid")) {
                justId = true;
            } else if (a.is(j, "idle") && more) {
                deliveryTime = now - longArg(a, ++j, "Invalid IDLE option argument for XCLAIM");
            } else if (a.is(j, "time") && more) {
                deliveryTime = longArg(a, ++j, "Invalid TIME option argument for XCLAIM");
            } else if (a.is(j, "retrycount") && more) {
                retryCount = longArg(a, ++j, "Invalid RETRYCOUNT option argument for XCLAIM");
            } else if (a.is(j, "lastid") && more) {
                lastId = StreamIds.strict(a, ++j);
            } else {
                throw Streams.formatted("ERR Unrecognized XCLAIM option '" + Streams.arg(a, j) + "'");
            }
        }
        c.db().mutatingUnwatched(e);
        if (lastId.compareTo(g.lastId()) > 0) {
            g.lastId(lastId);
        }
        if (deliveryTime < 0 || deliveryTime > now) {
            // no IDLE or TIME, or a time in the future: the entry was delivered now
            deliveryTime = now;
        }
        Reply r = c.out();
        Streams.Deferred claimed = new Streams.Deferred(r);
        long n = 0;
        byte[] name = a.bytes(3);
        StreamGroup.Consumer consumer = null;
        for (StreamId id : ids) {
            StreamGroup.Pending p = g.pending().get(id);
            if (!s.contains(id)) {
                g.remove(id);
                continue;
            }
            if (p == null) {
                if (!force) {
                    continue;
                }
                p = g.createPending(id, now);
            }
            if (p.consumer() != null && minIdle != 0 && now - p.deliveryTime() < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = StreamReads.consumer(g, name, now);
            }
            p.deliveryTime(deliveryTime);
            if (retryCount >= 0) {
                p.deliveryCount(retryCount);
            } else if (!justId) {
                p.deliveryCount(p.deliveryCount() + 1);
            }
            g.assign(id, p, consumer);
            if (justId) {
                Streams.id(r, id);
            } else {
                Streams.entry(r, s, id);
            }
            n++;
        }
        claimed.array(n);
    }

    private static void xautoclaim(Client c, Args a) {
        long minIdle = Math.max(0, longArg(a, 4, "Invalid min-idle-time argument for XAUTOCLAIM"));
        StreamId start = StreamIds.rangeStart(a, 5);
        long count = 100;
        boolean justId = false;
        for (int j = 6; j < a.count(); j++) {
            if (a.is(j, "count") && j + 1 < a.count()) {
                long maxCount = Long.MAX_VALUE / 16;
                if (!a.isLong(j + 1) || a.toLong(j + 1) < 1 || a.toLong(j + 1) > maxCount) {
                    throw new CommandError("ERR COUNT must be > 0");
                }
                count = a.toLong(++j);
            } else if (a.is(j, "justid")) {
                justId = true;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        Entry e = Values.read(c, a, 1);
        StreamValue s = Streams.value(e);
        StreamGroup g = Streams.group(s, a, 1, 2);
        if (count * 16 >= LARGEST_ALLOCATION) {
            throw new CommandError("ERR Insufficient memory, failed allocating transient memory, COUNT too high.");
        }
        c.db().mutatingUnwatched(e);
        long now = c.engine().keyspace().now();
        byte[] name = a.bytes(3);
        StreamGroup.Consumer consumer = null;
        List<StreamId> deleted = new ArrayList<>();
        Reply r = c.out();
        r.array(3);
        Streams.Deferred cursorAndClaimed = new Streams.Deferred(r);
        long claimed = 0;
        long attempts = count * ATTEMPTS_FACTOR;
        Map.Entry<StreamId, StreamGroup.Pending> next = g.pending().ceilingEntry(start);
        while (attempts-- != 0 && count != 0 && next != null) {
            StreamId id = next.getKey();
            StreamGroup.Pending p = next.getValue();
            next = g.pending().higherEntry(id);
            if (!s.contains(id)) {
                g.remove(id);
                deleted.add(id);
                count--;
                continue;
            }
            if (minIdle != 0 && now - p.deliveryTime() < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = StreamReads.consumer(g, name, now);
            }
            g.assign(id, p, consumer);
            p.deliveryTime(now);
            if (!justId) {
                p.deliveryCount(p.deliveryCount() + 1);
            }
            if (justId) {
                Streams.id(r, id);
            } else {
                Streams.entry(r, s, id);
            }
            claimed++;
            count--;
        }
        StreamId cursor = next == null ? StreamId.MIN : next.getKey();
        long claimedCount = claimed;
        cursorAndClaimed.prepend(() -> {
            Streams.id(r, cursor);
            r.array(claimedCount);
        });
        r.array(deleted.size());
        for (StreamId id : deleted) {
            Streams.id(r, id);
        }
    }
}

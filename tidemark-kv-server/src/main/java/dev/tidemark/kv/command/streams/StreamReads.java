package dev.tidemark.kv.command.streams;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.BlockingRegistry;
import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.ByteKey;
import dev.tidemark.kv.store.Database;
import dev.tidemark.kv.store.Entry;
import dev.tidemark.kv.store.StreamGroup;
import dev.tidemark.kv.store.StreamId;
import dev.tidemark.kv.store.StreamValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * XREAD and XREADGROUP, served at once when a stream has entries after the given ID (or, for a group, pending
 * history or undelivered entries), otherwise with BLOCK the client waits until an XADD brings such entries, its
 * group or stream disappears (XREADGROUP gets an error then), or the timeout ends. Inside MULTI they do not block.
 */
final class StreamReads {
    /** What a blocked read without COUNT gets at most, as in Redis. */
    private static final long BLOCKED_DEFAULT_COUNT = 1000;

    private StreamReads() {
    }

    static List<CommandSpec> specs() {
        return List.of(
            of("xread", -4, "readonly blocking movablekeys", 0, 0, 0, "@read @stream @slow @blocking", StreamCommands.S, "Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for each stream. Can block.", StreamReads::read),
            of("xreadgroup", -7, "write blocking movablekeys", 0, 0, 0, "@write @stream @slow @blocking", StreamCommands.S, "Return new entries from a stream using a consumer group, or access the history of the pending entries for a given consumer. Can block.", StreamReads::read));
    }

    /** The parsed options of one XREAD or XREADGROUP. */
    private static final class Request {
        long timeout = -1;
        long count;
        int streams;
        int streamCount;
        int group = -1;
        boolean noAck;
    }

    private static Request parse(Args a, boolean xreadgroup) {
        Request q = new Request();
        for (int i = 1; i < a.count(); i++) {
            int more = a.count() - i - 1;
            if (a.is(i, "block") && more > 0) {
                q.timeout = timeoutArg(a, ++i);
            } else if (a.is(i, "count") && more > 0) {
                q.count = Math.max(0, Values.longArg(a, ++i));
            } else if (a.is(i, "streams") && more > 0) {
                q.streams = i + 1;
                q.streamCount = a.count() - q.streams;
                if (q.streamCount % 2 != 0) {
                    throw new CommandError("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
                }
                q.streamCount /= 2;
                break;
            } else if (a.is(i, "group") && more >= 2) {
                if (!xreadgroup) {
                    throw new CommandError("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
                }
                q.group = i + 1;
                i += 2;
            } else if (a.is(i, "noack")) {
                if (!xreadgroup) {
                    throw new CommandError("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
                }
                q.noAck = true;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        if (q.streams == 0) {
            throw CommandError.SYNTAX;
        }
        if (xreadgroup && q.group < 0) {
            throw new CommandError("ERR Missing GROUP option for XREADGROUP");
        }
        return q;
    }

    /** BLOCK's milliseconds, as Redis's getTimeoutFromObjectOrReply in milliseconds. */
    private static long timeoutArg(Args a, int i) {
        if (!a.isLong(i)) {
            throw new CommandError("ERR timeout is not an integer or out of range");
        }
        long ms = a.toLong(i);
        if (ms < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        return ms;
    }

    private static void read(Client c, Args a) {
        boolean xreadgroup = a.length(0) == 10;
        Request q = parse(a, xreadgroup);
        int n = q.streamCount;
        StreamId[] after = new StreamId[n];
        StreamGroup[] groups = q.group < 0 ? null : new StreamGroup[n];
        for (int k = 0; k < n; k++) {
            int key = q.streams + k;
            int idArg = key + n;
            StreamValue s = Streams.read(c, a, key);
            if (groups != null) {
                StreamGroup g = s == null ? null : s.group(a.bytes(q.group));
                if (g == null) {
                    throw Streams.formatted("NOGROUP No such key '" + Streams.arg(a, key) + "' or consumer group '"
                        + Streams.arg(a, q.group) + "' in XREADGROUP with GROUP option");
                }
                groups[k] = g;
            }
            if (Streams.isChar(a, idArg, '$')) {
                if (xreadgroup) {
                    throw new CommandError("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.");
                }
                after[k] = s == null ? StreamId.MIN : s.lastId();
            } else if (Streams.isChar(a, idArg, '>')) {
                if (!xreadgroup) {
                    throw new CommandError("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.");
                }
                after[k] = StreamId.MAX;
            } else {
                after[k] = StreamIds.strict(a, idArg);
            }
        }
        Reply r = c.out();
        Streams.Deferred outer = null;
        long served = 0;
        for (int k = 0; k < n; k++) {
            Entry e = Values.read(c, a, q.streams + k);
            if (e == null) {
                continue;
            }
            StreamValue s = (StreamValue) e.value();
            StreamId gt = after[k];
            boolean history = false;
            boolean serve = false;
            if (groups != null) {
                if (!gt.isMax()) {
                    serve = true;
                    history = true;
                } else if (s.length() > 0 && s.edgeId(false).compareTo(groups[k].lastId()) > 0) {
                    serve = true;
                    gt = groups[k].lastId();
                }
            } else if (s.length() > 0 && s.edgeId(false).compareTo(gt) > 0) {
                serve = true;
            }
            if (!serve) {
                continue;
            }
            if (served++ == 0) {
                outer = new Streams.Deferred(r);
            }
            if (c.protocol() == 2) {
                r.array(2);
            }
            r.bulk(a.buffer(), a.offset(q.streams + k), a.length(q.streams + k));
            StreamId start = gt.next();
            if (groups == null) {
                StreamRanges.write(r, s, start, StreamId.MAX, q.count, false, null);
                continue;
            }
            c.db().mutatingUnwatched(e);
            long time = c.engine().keyspace().now();
            StreamGroup.Consumer consumer = consumer(groups[k], a.bytes(q.group + 1), time);
            if (history) {
                StreamRanges.writeHistory(r, s, start, q.count, consumer, time);
            } else {
                StreamRanges.write(r, s, start, StreamId.MAX, q.count, false,
                    new StreamRanges.GroupRead(groups[k], consumer, q.noAck, time));
            }
        }
        if (served > 0) {
            if (c.protocol() == 2) {
                outer.array(served);
            } else {
                outer.map(served);
            }
            return;
        }
        if (q.timeout < 0 || c.inMulti() || c.engine().inExec()) {
            r.nullArray();
            return;
        }
        block(c, a, q, after);
    }

    /** The named consumer, seen now; created when new. */
    static StreamGroup.Consumer consumer(StreamGroup g, byte[] name, long now) {
        StreamGroup.Consumer consumer = g.consumer(name);
        if (consumer == null) {
            return g.createConsumer(name, now);
        }
        consumer.seenTime(now);
        return consumer;
    }

    private static void block(Client c, Args a, Request q, StreamId[] after) {
        List<byte[]> keys = new ArrayList<>();
        Map<ByteKey, StreamId> ids = new HashMap<>();
        for (int k = 0; k < q.streamCount; k++) {
            byte[] key = a.bytes(q.streams + k);
            keys.add(key);
            ids.putIfAbsent(new ByteKey(key), after[k]);
        }
        byte[] group = q.group < 0 ? null : a.bytes(q.group);
        byte[] consumer = q.group < 0 ? null : a.bytes(q.group + 1);
        long count = q.count == 0 ? BLOCKED_DEFAULT_COUNT : q.count;
        c.engine().blocking().block(c, keys, q.timeout, new Reader(ids, count, group, consumer, q.noAck));
    }

    /** A blocked XREAD or XREADGROUP: each key with the ID after which it wants entries. */
    private record Reader(Map<ByteKey, StreamId> after, long count, byte[] group, byte[] consumer, boolean noAck)
        implements BlockingRegistry.Waiter {

        @Override
        public boolean serve(Client client, Database db, byte[] key) {
            Entry e = db.read(key);
            if (e == null || !(e.value() instanceof StreamValue s)) {
                if (group == null) {
                    return false;
                }
                client.out().error("UNBLOCKED the stream key no longer exists");
                return true;
            }
            StreamId gt = after.get(new ByteKey(key));
            StreamGroup g = null;
            if (group != null) {
                g = s.group(group);
                if (g == null) {
                    client.out().error("NOGROUP the consumer group this client was blocked on no longer exists");
                    return true;
                }
                gt = g.lastId();
            }
            if (s.lastId().compareTo(gt) <= 0) {
                return false;
            }
            Reply r = client.out();
            if (client.protocol() == 2) {
                r.array(1);
                r.array(2);
            } else {
                r.map(1);
            }
            r.bulk(key);
            StreamRanges.GroupRead read = null;
            if (g != null) {
                db.mutatingUnwatched(e);
                long now = client.engine().keyspace().now();
                read = new StreamRanges.GroupRead(g, StreamReads.consumer(g, consumer, now), noAck, now);
            }
            StreamRanges.write(r, s, gt.next(), StreamId.MAX, count, false, read);
            return true;
        }

        @Override
        public void timedOut(Client client) {
            client.out().nullArray();
        }

        @Override
        public boolean holdsQueue() {
            return false;
        }
    }
}

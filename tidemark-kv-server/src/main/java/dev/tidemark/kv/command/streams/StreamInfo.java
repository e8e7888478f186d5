package dev.tidemark.kv.command.streams;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.StreamGroup;
import dev.tidemark.kv.store.StreamId;
import dev.tidemark.kv.store.StreamValue;
import java.util.Map;

/** XINFO STREAM [FULL [COUNT n]], GROUPS, CONSUMERS and HELP, with the fields of Redis 7.0. */
final class StreamInfo {
    private static final String S = StreamCommands.S;

    private StreamInfo() {
    }

    static CommandSpec spec() {
        return CommandSpec.container("xinfo", S, "A container for stream introspection commands",
            of("xinfo|consumers", 4, "readonly", 2, 2, 1, "@read @stream @slow", S, "List the consumers in a consumer group", StreamInfo::consumers),
            of("xinfo|groups", 3, "readonly", 2, 2, 1, "@read @stream @slow", S, "List the consumer groups of a stream", StreamInfo::groups),
            of("xinfo|stream", -3, "readonly", 2, 2, 1, "@read @stream @slow", S, "Get information about a stream", StreamInfo::stream),
            of("xinfo|help", 2, "loading stale", 0, 0, 0, "@stream @slow", S, "Show helpful text about the different subcommands", StreamInfo::help));
    }

    private static StreamValue existing(Client c, Args a) {
        StreamValue s = Streams.read(c, a, 2);
        if (s == null) {
            throw CommandError.NO_SUCH_KEY;
        }
        return s;
    }

    private static void nullableInteger(Reply r, Long v) {
        if (v == null) {
            r.nullBulk();
        } else {
            r.integer(v);
        }
    }

    private static Long entriesRead(StreamGroup g) {
        return g.entriesRead() == StreamGroup.ENTRIES_READ_UNKNOWN ? null : g.entriesRead();
    }

    private static void consumers(Client c, Args a) {
        StreamValue s = existing(c, a);
        StreamGroup g = s.group(a.bytes(3));
        if (g == null) {
            throw Streams.formatted("NOGROUP No such consumer group '" + Streams.arg(a, 3) + "' for key name '"
                + Streams.arg(a, 2) + "'");
        }
        Reply r = c.out();
        long now = c.engine().keyspace().now();
        r.array(g.consumerCount());
        for (StreamGroup.Consumer consumer : g.consumers()) {
            r.map(3);
            r.bulk("name");
            r.bulk(consumer.name());
            r.bulk("pending");
            r.integer(consumer.pending().size());
            r.bulk("idle");
            r.integer(Math.max(0, now - consumer.seenTime()));
        }
    }

    private static void groups(Client c, Args a) {
        StreamValue s = existing(c, a);
        Reply r = c.out();
        r.array(s.groupCount());
        for (StreamGroup g : s.groups()) {
            r.map(6);
            r.bulk("name");
            r.bulk(g.name());
            r.bulk("consumers");
            r.integer(g.consumerCount());
            r.bulk("pending");
            r.integer(g.pending().size());
            r.bulk("last-delivered-id");
            Streams.id(r, g.lastId());
            r.bulk("entries-read");
            nullableInteger(r, entriesRead(g));
            r.bulk("lag");
            nullableInteger(r, s.lag(g));
        }
    }

    private static void stream(Client c, Args a) {
        StreamValue s = existing(c, a);
        int options = a.count() - 3;
        boolean full = options > 0;
        long count = 10;
        if (full) {
            if ((options != 1 && options != 3) || !a.is(3, "full") || (options == 3 && !a.is(4, "count"))) {
                throw StreamGroups.subcommandSyntax(a);
            }
            if (options == 3) {
                count = Values.longArg(a, 5);
                if (count < 0) {
                    count = 10;
                }
            }
        }
        Reply r = c.out();
        r.map(full ? 9 : 10);
        r.bulk("length");
        r.integer(s.length());
        r.bulk("radix-tree-keys");
        r.integer(s.nodeCount());
        r.bulk("radix-tree-nodes");
        r.integer(s.radixTreeNodes());
        r.bulk("last-generated-id");
        Streams.id(r, s.lastId());
        r.bulk("max-deleted-entry-id");
        Streams.id(r, s.maxDeletedId());
        r.bulk("entries-added");
        r.integer(s.entriesAdded());
        r.bulk("recorded-first-entry-id");
        Streams.id(r, s.firstId());
        if (!full) {
            r.bulk("groups");
            r.integer(s.groupCount());
            r.bulk("first-entry");
            edge(r, s, true);
            r.bulk("last-entry");
            edge(r, s, false);
            return;
        }
        r.bulk("entries");
        StreamRanges.write(r, s, StreamId.MIN, StreamId.MAX, count, false, null);
        r.bulk("groups");
        r.array(s.groupCount());
        for (StreamGroup g : s.groups()) {
            fullGroup(r, s, g, count);
        }
    }

    private static void edge(Reply r, StreamValue s, boolean first) {
        StreamId id = s.edgeId(first);
        if (id == null) {
            r.nullBulk();
        } else {
            Streams.entry(r, s, id);
        }
    }

    private static void fullGroup(Reply r, StreamValue s, StreamGroup g, long count) {
        r.map(7);
        r.bulk("name");
        r.bulk(g.name());
        r.bulk("last-delivered-id");
        Streams.id(r, g.lastId());
        r.bulk("entries-read");
        nullableInteger(r, entriesRead(g));
        r.bulk("lag");
        nullableInteger(r, s.lag(g));
        r.bulk("pel-count");
        r.integer(g.pending().size());
        r.bulk("pending");
        long n = count == 0 ? g.pending().size() : Math.min(count, g.pending().size());
        r.array(n);
        long written = 0;
        for (Map.Entry<StreamId, StreamGroup.Pending> p : g.pending().entrySet()) {
            if (written++ == n) {
                break;
            }
            r.array(4);
            Streams.id(r, p.getKey());
            r.bulk(p.getValue().consumer().name());
            r.integer(p.getValue().deliveryTime());
            r.integer(p.getValue().deliveryCount());
        }
        r.bulk("consumers");
        r.array(g.consumerCount());
        for (StreamGroup.Consumer consumer : g.consumers()) {
            r.map(4);
            r.bulk("name");
            r.bulk(consumer.name());
            r.bulk("seen-time");
            r.integer(consumer.seenTime());
            r.bulk("pel-count");
            r.integer(consumer.pending().size());
            r.bulk("pending");
            long m = count == 0 ? consumer.pending().size() : Math.min(count, consumer.pending().size());
            r.array(m);
            long done = 0;
            for (Map.Entry<StreamId, StreamGroup.Pending> p : consumer.pending().entrySet()) {
                if (done++ == m) {
                    break;
                }
                r.array(3);
                Streams.id(r, p.getKey());
                r.integer(p.getValue().deliveryTime());
                r.integer(p.getValue().deliveryCount());
            }
        }
    }

    private static void help(Client c, Args a) {
        Values.help(c,
            "XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CONSUMERS <key> <groupname>",
            "    Show consumers of <groupname>.",
            "GROUPS <key>",
            "    Show the stream consumer groups.",
            "STREAM <key> [FULL [COUNT <count>]",
            "    Show information about the stream.",
            "HELP",
            "    Prints this help.");
    }
}

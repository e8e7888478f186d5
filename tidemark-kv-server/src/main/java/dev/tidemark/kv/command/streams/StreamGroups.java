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
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;

/** XGROUP (CREATE SETID DESTROY CREATECONSUMER DELCONSUMER HELP), XACK and XPENDING. */
final class StreamGroups {
    private static final String S = StreamCommands.S;

    private StreamGroups() {
    }

    static List<CommandSpec> specs() {
        return List.of(
            CommandSpec.container("xgroup", S, "A container for consumer groups commands",
                of("xgroup|create", -5, "write denyoom", 2, 2, 1, "@write @stream @slow", S, "Create a consumer group.", StreamGroups::create),
                of("xgroup|setid", -5, "write", 2, 2, 1, "@write @stream @slow", S, "Set a consumer group to an arbitrary last delivered ID value.", StreamGroups::setId),
                of("xgroup|destroy", 4, "write", 2, 2, 1, "@write @stream @slow", S, "Destroy a consumer group.", StreamGroups::destroy),
                of("xgroup|createconsumer", 5, "write denyoom", 2, 2, 1, "@write @stream @slow", S, "Create a consumer in a consumer group.", StreamGroups::createConsumer),
                of("xgroup|delconsumer", 5, "write", 2, 2, 1, "@write @stream @slow", S, "Delete a consumer from a consumer group.", StreamGroups::delConsumer),
                of("xgroup|help", 2, "loading stale", 0, 0, 0, "@stream @slow", S, "Show helpful text about the different subcommands", StreamGroups::help)),
            of("xack", -4, "write fast", 1, 1, 1, "@write @stream @fast", S, "Marks a pending message as correctly processed, effectively removing it from the pending entries list of the consumer group. Return value of the command is the number of messages successfully acknowledged, that is, the IDs we were actually able to resolve in the PEL.", StreamGroups::xack),
            of("xpending", -3, "readonly", 1, 1, 1, "@read @stream @slow", S, "Return information and entries from a stream consumer group pending entries list, that are messages fetched but never acknowledged.", StreamGroups::xpending));
    }

    /** Redis's addReplySubcommandSyntaxError. */
    static CommandError subcommandSyntax(Args a) {
        String sub = Streams.arg(a, 1);
        return Streams.formatted("ERR unknown subcommand or wrong number of arguments for '"
            + (sub.length() > 128 ? sub.substring(0, 128) : sub) + "'. Try "
            + a.string(0).toUpperCase(Locale.ROOT) + " HELP.");
    }

    /** The key, stream and group an XGROUP subcommand works on, with the CREATE and SETID options. */
    private record Target(Entry entry, StreamValue stream, StreamGroup group, boolean mkStream, long entriesRead) {
    }

    private static Target target(Client c, Args a, boolean groupMustExist) {
        boolean create = a.is(1, "create");
        boolean setId = a.is(1, "setid");
        boolean mkStream = false;
        long entriesRead = StreamGroup.ENTRIES_READ_UNKNOWN;
        for (int i = 5; i < a.count(); ) {
            if (create && a.is(i, "mkstream")) {
                mkStream = true;
                i++;
            } else if ((create || setId) && a.is(i, "entriesread") && i + 1 < a.count()) {
                entriesRead = Values.longArg(a, i + 1);
                if (entriesRead < 0 && entriesRead != StreamGroup.ENTRIES_READ_UNKNOWN) {
                    throw new CommandError("ERR value for ENTRIESREAD must be positive or -1");
                }
                i += 2;
            } else {
                throw subcommandSyntax(a);
            }
        }
        Entry e = Streams.forWrite(c, a, 2);
        StreamValue s = e == null ? null : (StreamValue) e.value();
        StreamGroup g = s == null ? null : s.group(a.bytes(3));
        if (!mkStream) {
            if (s == null) {
                throw new CommandError("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.");
            }
            if (g == null && groupMustExist) {
                throw Streams.formatted("NOGROUP No such consumer group '" + Streams.arg(a, 3) + "' for key name '"
                    + Streams.arg(a, 2) + "'");
            }
        }
        return new Target(e, s, g, mkStream, entriesRead);
    }

    private static void create(Client c, Args a) {
        Target t = target(c, a, false);
        if (a.count() > 8) {
            throw subcommandSyntax(a);
        }
        StreamValue s = t.stream();
        StreamId id;
        if (Streams.isChar(a, 4, '$')) {
            id = s == null ? StreamId.MIN : s.lastId();
        } else {
            id = StreamIds.strict(a, 4);
        }
        if (s == null) {
            s = new StreamValue();
            c.db().add(a.bytes(2), s);
        } else if (t.group() != null) {
            throw new CommandError("BUSYGROUP Consumer Group name already exists");
        } else {
            c.db().mutatingUnwatched(t.entry());
        }
        s.createGroup(a.bytes(3), id, t.entriesRead());
        c.out().ok();
    }

    private static void setId(Client c, Args a) {
        Target t = target(c, a, true);
        if (a.count() != 5 && a.count() != 7) {
            throw subcommandSyntax(a);
        }
        StreamId id = Streams.isChar(a, 4, '$') ? t.stream().lastId() : StreamIds.lenient(a, 4, 0);
        c.db().mutatingUnwatched(t.entry());
        t.group().lastId(id);
        t.group().entriesRead(t.entriesRead());
        c.out().ok();
    }

    private static void destroy(Client c, Args a) {
        Target t = target(c, a, false);
        if (t.group() == null) {
            c.out().integer(0);
            return;
        }
        c.db().mutatingUnwatched(t.entry());
        t.stream().destroyGroup(a.bytes(3));
        c.out().integer(1);
        // group readers blocked on the key get NOGROUP
        c.engine().blocking().keyTouched(c.db(), t.entry().key);
    }

    private static void createConsumer(Client c, Args a) {
        Target t = target(c, a, true);
        byte[] name = a.bytes(4);
        if (t.group().consumer(name) != null) {
            c.out().integer(0);
            return;
        }
        c.db().mutatingUnwatched(t.entry());
        t.group().createConsumer(name, c.engine().keyspace().now());
        c.out().integer(1);
    }

    private static void delConsumer(Client c, Args a) {
        Target t = target(c, a, true);
        StreamGroup.Consumer consumer = t.group().consumer(a.bytes(4));
        if (consumer == null) {
            c.out().integer(0);
            return;
        }
        c.db().mutatingUnwatched(t.entry());
        c.out().integer(t.group().deleteConsumer(consumer));
    }

    private static void help(Client c, Args a) {
        Values.help(c,
            "XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CREATE <key> <groupname> <id|$> [option]",
            "    Create a new consumer group. Options are:",
            "    * MKSTREAM",
            "      Create the empty stream if it does not exist.",
            "    * ENTRIESREAD entries_read",
            "      Set the group's entries_read counter (internal use).",
            "CREATECONSUMER <key> <groupname> <consumer>",
            "    Create a new consumer in the specified group.",
            "DELCONSUMER <key> <groupname> <consumer>",
            "    Remove the specified consumer.",
            "DESTROY <key> <groupname>",
            "    Remove the specified group.",
            "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
            "    Set the current group ID and entries_read counter.",
            "HELP",
            "    Prints this help.");
    }

    private static void xack(Client c, Args a) {
        Entry e = Values.read(c, a, 1);
        StreamValue s = Streams.value(e);
        StreamGroup g = s == null ? null : s.group(a.bytes(2));
        if (g == null) {
            c.out().integer(0);
            return;
        }
        List<StreamId> ids = new ArrayList<>();
        for (int i = 3; i < a.count(); i++) {
            ids.add(StreamIds.strict(a, i));
        }
        long acknowledged = 0;
        for (StreamId id : ids) {
            if (g.pending().containsKey(id)) {
                if (acknowledged == 0) {
                    c.db().mutatingUnwatched(e);
                }
                g.remove(id);
                acknowledged++;
            }
        }
        c.out().integer(acknowledged);
    }

    private static void xpending(Client c, Args a) {
        int argc = a.count();
        if (argc != 3 && (argc < 6 || argc > 9)) {
            throw CommandError.SYNTAX;
        }
        long minIdle = 0;
        long count = 0;
        StreamId start = null;
        StreamId end = null;
        byte[] consumerName = null;
        if (argc >= 6) {
            int from = 3;
            if (a.is(3, "idle")) {
                minIdle = Values.longArg(a, 4);
                if (argc < 8) {
                    throw CommandError.SYNTAX;
                }
                from += 2;
            }
            count = Math.max(0, Values.longArg(a, from + 2));
            start = StreamIds.rangeStart(a, from);
            end = StreamIds.rangeEnd(a, from + 1);
            if (from + 3 < argc) {
                consumerName = a.bytes(from + 3);
            }
        }
        StreamValue s = Streams.read(c, a, 1);
        StreamGroup g = Streams.group(s, a, 1, 2);
        Reply r = c.out();
        if (argc == 3) {
            summary(r, g);
            return;
        }
        NavigableMap<StreamId, StreamGroup.Pending> pel = g.pending();
        if (consumerName != null) {
            StreamGroup.Consumer consumer = g.consumer(consumerName);
            if (consumer == null) {
                r.array(0);
                return;
            }
            pel = consumer.pending();
        }
        long now = c.engine().keyspace().now();
        List<Map.Entry<StreamId, StreamGroup.Pending>> chosen = new ArrayList<>();
        if (start.compareTo(end) <= 0) {
            for (Map.Entry<StreamId, StreamGroup.Pending> p : pel.subMap(start, true, end, true).entrySet()) {
                if (chosen.size() >= count) {
                    break;
                }
                if (minIdle != 0 && now - p.getValue().deliveryTime() < minIdle) {
                    continue;
                }
                chosen.add(p);
            }
        }
        r.array(chosen.size());
        for (Map.Entry<StreamId, StreamGroup.Pending> p : chosen) {
            r.array(4);
            Streams.id(r, p.getKey());
            r.bulk(p.getValue().consumer().name());
            r.integer(Math.max(0, now - p.getValue().deliveryTime()));
            r.integer(p.getValue().deliveryCount());
        }
    }

    private static void summary(Reply r, StreamGroup g) {
        r.array(4);
        r.integer(g.pending().size());
        if (g.pending().isEmpty()) {
            r.nullBulk();
            r.nullBulk();
            r.nullArray();
            return;
        }
        Streams.id(r, g.pending().firstKey());
        Streams.id(r, g.pending().lastKey());
        int owners = 0;
        for (StreamGroup.Consumer consumer : g.consumers()) {
            if (!consumer.pending().isEmpty()) {
                owners++;
            }
        }
        r.array(owners);
        for (StreamGroup.Consumer consumer : g.consumers()) {
            if (!consumer.pending().isEmpty()) {
                r.array(2);
                r.bulk(consumer.name());
                r.bulkLong(consumer.pending().size());
            }
        }
    }
}

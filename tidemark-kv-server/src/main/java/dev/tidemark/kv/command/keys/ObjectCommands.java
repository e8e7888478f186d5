package dev.tidemark.kv.command.keys;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.store.Bytes;
import dev.tidemark.kv.store.Entry;

/** OBJECT ENCODING, FREQ, IDLETIME, REFCOUNT and HELP. */
final class ObjectCommands {
    private ObjectCommands() {
    }

    private static Entry peekForObject(Client c, Args a) {
        return c.db().read(a.buffer(), a.offset(2), a.length(2));
    }

    static void encoding(Client c, Args a) {
        Entry e = peekForObject(c, a);
        if (e == null) {
            c.out().nullBulk();
        } else {
            c.out().bulk(e.encoding());
        }
    }

    static void freq(Client c, Args a) {
        Entry e = peekForObject(c, a);
        if (e == null) {
            c.out().nullBulk();
            return;
        }
        if (!c.engine().config().get("maxmemory-policy").contains("lfu")) {
            throw new CommandError("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.");
        }
        c.out().integer(0);
    }

    static void idleTime(Client c, Args a) {
        Entry e = c.db().peek(a.buffer(), a.offset(2), a.length(2));
        if (e == null || c.db().isExpired(e)) {
            if (e != null) {
                c.db().expireEntry(e);
            }
            c.out().nullBulk();
            return;
        }
        if (c.engine().config().get("maxmemory-policy").contains("lfu")) {
            throw new CommandError("ERR An LRU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.");
        }
        c.out().integer(Math.max(0, c.engine().keyspace().now() / 1000 - e.accessedAt()));
    }

    static void refCount(Client c, Args a) {
        Entry e = peekForObject(c, a);
        if (e == null) {
            c.out().nullBulk();
            return;
        }
        boolean shared = e.value() instanceof byte[] b && e.stringForm() == Entry.FORM_AUTO && Bytes.isLong(b) && Bytes.toLong(b) >= 0
            && Bytes.toLong(b) < 10000;
        c.out().integer(shared ? Integer.MAX_VALUE : 1);
    }

    static void help(Client c, Args a) {
        String[] lines = {
            "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.",
            "HELP",
            "    Prints this help."};
        Values.help(c, lines);
    }
}

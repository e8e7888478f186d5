package dev.tidemark.kv.command.keys;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.Bytes;
import dev.tidemark.kv.store.Database;
import dev.tidemark.kv.store.Entry;
import dev.tidemark.kv.store.Glob;
import dev.tidemark.kv.store.HashValue;
import dev.tidemark.kv.store.ListValue;
import dev.tidemark.kv.store.SetValue;
import dev.tidemark.kv.store.StreamValue;
import java.util.ArrayList;
import java.util.List;

/** The generic keyspace commands: DEL, EXISTS, TYPE, RENAME, KEYS, SCAN, TTLs, COPY, MOVE, OBJECT. */
public final class KeyCommands {
    private static final String K = "keyspace";

    private KeyCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
            of("del", -2, "write", 1, -1, 1, "@keyspace @write @slow", K, "Delete a key", KeyCommands::del),
            of("unlink", -2, "write fast", 1, -1, 1, "@keyspace @write @fast", K, "Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.", KeyCommands::del),
            of("exists", -2, "readonly fast", 1, -1, 1, "@keyspace @read @fast", K, "Determine if a key exists", KeyCommands::exists),
            of("type", 2, "readonly fast", 1, 1, 1, "@keyspace @read @fast", K, "Determine the type stored at key", KeyCommands::type),
            of("rename", 3, "write", 1, 2, 1, "@keyspace @write @slow", K, "Rename a key", (c, a) -> rename(c, a, false)),
            of("renamenx", 3, "write fast", 1, 2, 1, "@keyspace @write @fast", K, "Rename a key, only if the new key does not exist", (c, a) -> rename(c, a, true)),
            of("keys", 2, "readonly", 0, 0, 0, "@keyspace @read @slow @dangerous", K, "Find all keys matching the given pattern", KeyCommands::keys),
            of("scan", -2, "readonly", 0, 0, 0, "@keyspace @read @slow", K, "Incrementally iterate the keys space", KeyCommands::scan),
            of("randomkey", 1, "readonly", 0, 0, 0, "@keyspace @read @slow", K, "Return a random key from the keyspace", KeyCommands::randomKey),
            of("expire", -3, "write fast", 1, 1, 1, "@keyspace @write @fast", K, "Set a key's time to live in seconds", (c, a) -> Expiry.expire(c, a, false, 1000)),
            of("pexpire", -3, "write fast", 1, 1, 1, "@keyspace @write @fast", K, "Set a key's time to live in milliseconds", (c, a) -> Expiry.expire(c, a, false, 1)),
            of("expireat", -3, "write fast", 1, 1, 1, "@keyspace @write @fast", K, "Set the expiration for a key as a UNIX timestamp", (c, a) -> Expiry.expire(c, a, true, 1000)),
            of("pexpireat", -3, "write fast", 1, 1, 1, "@keyspace @write @fast", K, "Set the expiration for a key as a UNIX timestamp specified in milliseconds", (c, a) -> Expiry.expire(c, a, true, 1)),
            of("ttl", 2, "readonly fast", 1, 1, 1, "@keyspace @read @fast", K, "Get the time to live for a key in seconds", (c, a) -> Expiry.ttl(c, a, false, false)),
            of("pttl", 2, "readonly fast", 1, 1, 1, "@keyspace @read @fast", K, "Get the time to live for a key in milliseconds", (c, a) -> Expiry.ttl(c, a, true, false)),
            of("expiretime", 2, "readonly fast", 1, 1, 1, "@keyspace @read @fast", K, "Get the expiration Unix timestamp for a key", (c, a) -> Expiry.ttl(c, a, false, true)),
            of("pexpiretime", 2, "readonly fast", 1, 1, 1, "@keyspace @read @fast", K, "Get the expiration Unix timestamp for a key in milliseconds", (c, a) -> Expiry.ttl(c, a, true, true)),
            of("persist", 2, "write fast", 1, 1, 1, "@keyspace @write @fast", K, "Remove the expiration from a key", Expiry::persist),
            of("copy", -3, "write denyoom", 1, 2, 1, "@keyspace @write @slow", K, "Copy a key", KeyCommands::copy),
            of("move", 3, "write fast", 1, 1, 1, "@keyspace @write @fast", K, "Move a key to another database", KeyCommands::move),
            of("touch", -2, "readonly fast", 1, -1, 1, "@keyspace @read @fast", K, "Alters the last access time of a key(s). Returns the number of existing keys specified.", KeyCommands::exists),
            CommandSpec.container("object", "generic", "A container for object introspection commands",
                of("object|encoding", 3, "readonly", 2, 2, 1, "@keyspace @read @slow", K, "Inspect the internal encoding of a Redis object", ObjectCommands::encoding),
                of("object|help", 2, "loading stale", 0, 0, 0, "@keyspace @slow", K, "Show helpful text about the different subcommands", ObjectCommands::help),
                of("object|freq", 3, "readonly", 2, 2, 1, "@keyspace @read @slow", K, "Get the logarithmic access frequency counter of a Redis object", ObjectCommands::freq),
                of("object|idletime", 3, "readonly", 2, 2, 1, "@keyspace @read @slow", K, "Get the time since a Redis object was last accessed", ObjectCommands::idleTime),
                of("object|refcount", 3, "readonly", 2, 2, 1, "@keyspace @read @slow", K, "Get the number of references to the value of the key", ObjectCommands::refCount)),
            of("dbsize", 1, "readonly fast", 0, 0, 0, "@keyspace @read @fast", "server", "Return the number of keys in the selected database", (c, a) -> c.out().integer(c.db().size())),
            of("flushdb", -1, "write", 0, 0, 0, "@keyspace @write @slow @dangerous", "server", "Remove all keys from the current database", (c, a) -> flush(c, a, false)),
            of("flushall", -1, "write", 0, 0, 0, "@keyspace @write @slow @dangerous", "server", "Remove all keys from all databases", (c, a) -> flush(c, a, true)),
            of("swapdb", 3, "write fast", 0, 0, 0, "@keyspace @write @fast @dangerous", "server", "Swaps two Redis databases", KeyCommands::swapdb));
    }

    private static void del(Client c, Args a) {
        Database db = c.db();
        long n = 0;
        for (int i = 1; i < a.count(); i++) {
            if (db.delete(a.buffer(), a.offset(i), a.length(i))) {
                n++;
            }
        }
        c.out().integer(n);
    }

    private static void exists(Client c, Args a) {
        long n = 0;
        for (int i = 1; i < a.count(); i++) {
            if (c.db().read(a.buffer(), a.offset(i), a.length(i)) != null) {
                n++;
            }
        }
        c.out().integer(n);
    }

    private static void type(Client c, Args a) {
        Entry e = c.db().read(a.buffer(), a.offset(1), a.length(1));
        c.out().simple(e == null ? "none" : e.typeName());
    }

    private static void rename(Client c, Args a, boolean onlyIfAbsent) {
        Database db = c.db();
        Entry src = db.read(a.buffer(), a.offset(1), a.length(1));
        if (src == null) {
            throw CommandError.NO_SUCH_KEY;
        }
        boolean same = a.length(1) == a.length(2) && Bytes.equals(a.bytes(1), a.buffer(), a.offset(2), a.length(2));
        if (same) {
            if (onlyIfAbsent) {
                c.out().integer(0);
            } else {
                c.out().ok();
            }
            return;
        }
        if (db.read(a.buffer(), a.offset(2), a.length(2)) != null) {
            if (onlyIfAbsent) {
                c.out().integer(0);
                return;
            }
            db.delete(a.buffer(), a.offset(2), a.length(2));
        }
        Object value = src.value();
        long expireAt = src.expireAt();
        byte form = src.stringForm();
        db.removeEntry(src);
        Entry moved = db.add(a.bytes(2), value);
        db.stringForm(moved, form);
        db.setExpiry(moved, expireAt);
        if (onlyIfAbsent) {
            c.out().integer(1);
        } else {
            c.out().ok();
        }
    }

    private static void keys(Client c, Args a) {
        byte[] pattern = a.bytes(1);
        boolean all = pattern.length == 1 && pattern[0] == '*';
        Database db = c.db();
        List<byte[]> found = new ArrayList<>();
        db.forEach(e -> {
            if (!db.isExpired(e) && (all || Glob.matches(pattern, e.key))) {
                found.add(e.key);
            }
        });
        Reply r = c.out();
        r.array(found.size());
        for (byte[] k : found) {
            r.bulk(k);
        }
    }

    /** Redis's parseScanCursorOrReply: strtoul over the whole argument (so "-1" wraps), no spaces. */
    public static long cursorArg(Args a, int i) {
        String s = a.string(i);
        String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw CommandError.INVALID_CURSOR;
        }
        try {
            long v = Long.parseUnsignedLong(digits);
            return s.startsWith("-") ? -v : v;
        } catch (NumberFormatException e) {
            throw CommandError.INVALID_CURSOR;
        }
    }

    /** MATCH, COUNT (and for SCAN, TYPE) options shared by SCAN, HSCAN and SSCAN. */
    public record ScanOptions(byte[] pattern, int count, String type) {
        public static ScanOptions parse(Args a, int from, boolean allowType) {
            byte[] pattern = null;
            long count = 10;
            String type = null;
            for (int i = from; i < a.count(); i += 2) {
                boolean hasValue = i + 1 < a.count();
                if (a.is(i, "count") && hasValue) {
                    count = Values.longArg(a, i + 1);
                    if (count < 1) {
                        throw CommandError.SYNTAX;
                    }
                } else if (a.is(i, "match") && hasValue) {
                    pattern = a.bytes(i + 1);
                    if (pattern.length == 1 && pattern[0] == '*') {
                        pattern = null;
                    }
                } else if (allowType && a.is(i, "type") && hasValue) {
                    type = a.string(i + 1).toLowerCase(java.util.Locale.ROOT);
                } else {
                    throw CommandError.SYNTAX;
                }
            }
            return new ScanOptions(pattern, (int) Math.min(count, Integer.MAX_VALUE), type);
        }

        public boolean matches(byte[] s) {
            return pattern == null || Glob.matches(pattern, s);
        }
    }

    /** Writes a SCAN-family reply: the next cursor as a bulk string, then the elements. */
    public static void scanReply(Reply r, long cursor, List<byte[]> items) {
        r.array(2);
        r.bulk(Long.toUnsignedString(cursor));
        r.array(items.size());
        for (byte[] item : items) {
            r.bulk(item);
        }
    }

    private static void scan(Client c, Args a) {
        long cursor = cursorArg(a, 1);
        ScanOptions opts = ScanOptions.parse(a, 2, true);
        Database db = c.db();
        List<Entry> seen = new ArrayList<>();
        long next = db.scan(cursor, opts.count(), seen::add);
        List<byte[]> keys = new ArrayList<>();
        for (Entry e : seen) {
            if (db.isExpired(e)) {
                db.delete(e.key);
                continue;
            }
            if (opts.matches(e.key) && (opts.type() == null || e.typeName().equals(opts.type()))) {
                keys.add(e.key);
            }
        }
        scanReply(c.out(), next, keys);
    }

    private static void randomKey(Client c, Args a) {
        Entry e = c.db().randomEntry();
        c.out().bulkOrNull(e == null ? null : e.key);
    }

    /** An independent copy of a value, so that COPY's source and destination never share mutable state. */
    static Object copyOf(Object value) {
        if (value instanceof ListValue l) {
            return l.copy();
        }
        if (value instanceof HashValue h) {
            return h.copy();
        }
        if (value instanceof SetValue s) {
            return s.copy();
        }
        if (value instanceof StreamValue s) {
            return s.copy();
        }
        return value; // strings are never changed in place
    }

    private static void copy(Client c, Args a) {
        int targetDb = c.dbIndex();
        boolean replace = false;
        for (int i = 3; i < a.count(); i++) {
            if (a.is(i, "replace")) {
                replace = true;
            } else if (a.is(i, "db") && i + 1 < a.count()) {
                long n = Values.longArg(a, ++i);
                if (n < 0 || n >= c.engine().keyspace().count()) {
                    throw CommandError.DB_OUT_OF_RANGE;
                }
                targetDb = (int) n;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        boolean sameKey = Bytes.equals(a.bytes(1), a.buffer(), a.offset(2), a.length(2));
        if (sameKey && targetDb == c.dbIndex()) {
            throw new CommandError("ERR source and destination objects are the same");
        }
        Entry src = c.db().read(a.buffer(), a.offset(1), a.length(1));
        if (src == null) {
            c.out().integer(0);
            return;
        }
        Database dst = c.engine().keyspace().db(targetDb);
        if (dst.read(a.buffer(), a.offset(2), a.length(2)) != null) {
            if (!replace) {
                c.out().integer(0);
                return;
            }
            dst.delete(a.buffer(), a.offset(2), a.length(2));
        }
        Entry copy = dst.add(a.bytes(2), copyOf(src.value()));
        dst.stringForm(copy, src.stringForm());
        dst.setExpiry(copy, src.expireAt());
        c.out().integer(1);
    }

    private static void move(Client c, Args a) {
        long n = Values.longArg(a, 2, Integer.MIN_VALUE, Integer.MAX_VALUE, CommandError.NOT_INTEGER);
        if (n < 0 || n >= c.engine().keyspace().count()) {
            throw CommandError.DB_OUT_OF_RANGE;
        }
        if (n == c.dbIndex()) {
            throw new CommandError("ERR source and destination objects are the same");
        }
        Database src = c.db();
        Entry e = src.read(a.buffer(), a.offset(1), a.length(1));
        Database dst = c.engine().keyspace().db((int) n);
        if (e == null || dst.read(a.buffer(), a.offset(1), a.length(1)) != null) {
            c.out().integer(0);
            return;
        }
        Object value = e.value();
        long expireAt = e.expireAt();
        byte form = e.stringForm();
        src.removeEntry(e);
        Entry moved = dst.add(e.key, value);
        dst.stringForm(moved, form);
        dst.setExpiry(moved, expireAt);
        c.out().integer(1);
    }

    private static void flush(Client c, Args a, boolean all) {
        if (a.count() > 2 || (a.count() == 2 && !a.is(1, "async") && !a.is(1, "sync"))) {
            throw CommandError.SYNTAX;
        }
        if (all) {
            c.engine().keyspace().flushAll();
        } else {
            c.db().clear();
        }
        c.out().ok();
    }

    private static void swapdb(Client c, Args a) {
        if (!a.isLong(1)) {
            throw new CommandError("ERR invalid first DB index");
        }
        if (!a.isLong(2)) {
            throw new CommandError("ERR invalid second DB index");
        }
        long first = a.toLong(1);
        long second = a.toLong(2);
        int count = c.engine().keyspace().count();
        if (first < 0 || first >= count || second < 0 || second >= count) {
            throw CommandError.DB_OUT_OF_RANGE;
        }
        if (first != second) {
            c.engine().keyspace().swap((int) first, (int) second);
            c.engine().blocking().databasesSwapped((int) first, (int) second);
        }
        c.out().ok();
    }
}

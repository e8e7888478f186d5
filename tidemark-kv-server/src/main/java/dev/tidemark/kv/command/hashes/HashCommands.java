package dev.tidemark.kv.command.hashes;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.command.keys.KeyCommands;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.Bytes;
import dev.tidemark.kv.store.Entry;
import dev.tidemark.kv.store.HashValue;
import dev.tidemark.kv.store.LongDouble;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Hash commands. */
public final class HashCommands {
    private static final String H = "hash";

    private HashCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
            of("hset", -4, "write denyoom fast", 1, 1, 1, "@write @hash @fast", H, "Set the string value of a hash field", (c, a) -> hset(c, a, false)),
            of("hmset", -4, "write denyoom fast", 1, 1, 1, "@write @hash @fast", H, "Set multiple hash fields to multiple values", (c, a) -> hset(c, a, true)),
            of("hsetnx", 4, "write denyoom fast", 1, 1, 1, "@write @hash @fast", H, "Set the value of a hash field, only if the field does not exist", HashCommands::hsetnx),
            of("hget", 3, "readonly fast", 1, 1, 1, "@read @hash @fast", H, "Get the value of a hash field", HashCommands::hget),
            of("hmget", -3, "readonly fast", 1, 1, 1, "@read @hash @fast", H, "Get the values of all the given hash fields", HashCommands::hmget),
            of("hdel", -3, "write fast", 1, 1, 1, "@write @hash @fast", H, "Delete one or more hash fields", HashCommands::hdel),
            of("hlen", 2, "readonly fast", 1, 1, 1, "@read @hash @fast", H, "Get the number of fields in a hash", HashCommands::hlen),
            of("hstrlen", 3, "readonly fast", 1, 1, 1, "@read @hash @fast", H, "Get the length of the value of a hash field", HashCommands::hstrlen),
            of("hexists", 3, "readonly fast", 1, 1, 1, "@read @hash @fast", H, "Determine if a hash field exists", HashCommands::hexists),
            of("hkeys", 2, "readonly", 1, 1, 1, "@read @hash @slow", H, "Get all the fields in a hash", (c, a) -> all(c, a, true, false)),
            of("hvals", 2, "readonly", 1, 1, 1, "@read @hash @slow", H, "Get all the values in a hash", (c, a) -> all(c, a, false, true)),
            of("hgetall", 2, "readonly", 1, 1, 1, "@read @hash @slow", H, "Get all the fields and values in a hash", (c, a) -> all(c, a, true, true)),
            of("hincrby", 4, "write denyoom fast", 1, 1, 1, "@write @hash @fast", H, "Increment the integer value of a hash field by the given number", HashCommands::hincrby),
            of("hincrbyfloat", 4, "write denyoom fast", 1, 1, 1, "@write @hash @fast", H, "Increment the float value of a hash field by the given amount", HashCommands::hincrbyfloat),
            of("hrandfield", -2, "readonly", 1, 1, 1, "@read @hash @slow", H, "Get one or multiple random fields from a hash", HashCommands::hrandfield),
            of("hscan", -3, "readonly", 1, 1, 1, "@read @hash @slow", H, "Incrementally iterate hash fields and associated values", HashCommands::hscan));
    }

    /** The hash at key for writing, created when absent. */
    private static HashValue writable(Client c, Args a) {
        Entry e = Values.write(c, a, 1, HashValue.class);
        if (e != null) {
            return (HashValue) e.value();
        }
        HashValue h = new HashValue(c.engine().keyspace().limits);
        c.db().add(a.bytes(1), h);
        return h;
    }

    private static void hset(Client c, Args a, boolean legacyReply) {
        if (a.count() % 2 != 0) {
            throw CommandError.wrongArgs(legacyReply ? "hmset" : "hset");
        }
        HashValue h = writable(c, a);
        long added = 0;
        for (int i = 2; i < a.count(); i += 2) {
            if (h.put(a.bytes(i), a.bytes(i + 1))) {
                added++;
            }
        }
        if (legacyReply) {
            c.out().ok();
        } else {
            c.out().integer(added);
        }
    }

    private static void hsetnx(Client c, Args a) {
        HashValue existing = Values.readHash(c, a, 1);
        if (existing != null && existing.get(a.buffer(), a.offset(2), a.length(2)) != null) {
            c.out().integer(0);
            return;
        }
        writable(c, a).put(a.bytes(2), a.bytes(3));
        c.out().integer(1);
    }

    private static void hget(Client c, Args a) {
        HashValue h = Values.readHash(c, a, 1);
        c.out().bulkOrNull(h == null ? null : h.get(a.buffer(), a.offset(2), a.length(2)));
    }

    private static void hmget(Client c, Args a) {
        HashValue h = Values.readHash(c, a, 1);
        Reply r = c.out();
        r.array(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            r.bulkOrNull(h == null ? null : h.get(a.buffer(), a.offset(i), a.length(i)));
        }
    }

    private static void hdel(Client c, Args a) {
        Entry e = Values.write(c, a, 1, HashValue.class);
        if (e == null) {
            c.out().integer(0);
            return;
        }
        HashValue h = (HashValue) e.value();
        long removed = 0;
        for (int i = 2; i < a.count() && h.size() > 0; i++) {
            if (h.remove(a.buffer(), a.offset(i), a.length(i))) {
                removed++;
            }
        }
        c.db().removeIfEmpty(e);
        c.out().integer(removed);
    }

    private static void hlen(Client c, Args a) {
        HashValue h = Values.readHash(c, a, 1);
        c.out().integer(h == null ? 0 : h.size());
    }

    private static void hstrlen(Client c, Args a) {
        HashValue h = Values.readHash(c, a, 1);
        byte[] v = h == null ? null : h.get(a.buffer(), a.offset(2), a.length(2));
        c.out().integer(v == null ? 0 : v.length);
    }

    private static void hexists(Client c, Args a) {
        HashValue h = Values.readHash(c, a, 1);
        c.out().integer(h != null && h.get(a.buffer(), a.offset(2), a.length(2)) != null ? 1 : 0);
    }

    private static void all(Client c, Args a, boolean fields, boolean values) {
        HashValue h = Values.readHash(c, a, 1);
        Reply r = c.out();
        int n = h == null ? 0 : h.size();
        if (fields && values) {
            r.map(n);
        } else {
            r.array(n);
        }
        if (h != null) {
            h.forEach((f, v) -> {
                if (fields) {
                    r.bulk(f);
                }
                if (values) {
                    r.bulk(v);
                }
            });
        }
    }

    private static void hincrby(Client c, Args a) {
        long by = Values.longArg(a, 3);
        HashValue existing = Values.readHash(c, a, 1);
        byte[] old = existing == null ? null : existing.get(a.buffer(), a.offset(2), a.length(2));
        long current = 0;
        if (old != null) {
            if (!Bytes.isLong(old)) {
                throw new CommandError("ERR hash value is not an integer");
            }
            current = Bytes.toLong(old);
        }
        if ((by < 0 && current < 0 && by < Long.MIN_VALUE - current) || (by > 0 && current > 0 && by > Long.MAX_VALUE - current)) {
            throw CommandError.OVERFLOW;
        }
        writable(c, a).put(a.bytes(2), Bytes.longBytes(current + by));
        c.out().integer(current + by);
    }

    private static void hincrbyfloat(Client c, Args a) {
        BigDecimal by = Values.longDoubleArg(a, 3, CommandError.NOT_FLOAT);
        if (by == LongDouble.INFINITE) {
            throw new CommandError("ERR value is NaN or Infinity");
        }
        HashValue existing = Values.readHash(c, a, 1);
        byte[] old = existing == null ? null : existing.get(a.buffer(), a.offset(2), a.length(2));
        BigDecimal current = BigDecimal.ZERO;
        if (old != null) {
            current = LongDouble.parse(old, 0, old.length);
            if (current == null) {
                throw new CommandError("ERR hash value is not a float");
            }
        }
        BigDecimal result = LongDouble.add(current, by);
        if (result == LongDouble.INFINITE) {
            throw new CommandError("ERR increment would produce NaN or Infinity");
        }
        byte[] formatted = LongDouble.formatHuman(result);
        writable(c, a).put(a.bytes(2), formatted);
        c.out().bulk(formatted);
    }

    private static void hrandfield(Client c, Args a) {
        if (a.count() == 2) {
            HashValue h = Values.readHash(c, a, 1);
            c.out().bulkOrNull(h == null ? null : h.random()[0]);
            return;
        }
        if (!a.isLong(2)) {
            throw CommandError.NOT_INTEGER;
        }
        long count = a.toLong(2);
        if (count == Long.MIN_VALUE) {
            throw new CommandError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        }
        boolean withValues = false;
        if (a.count() == 4 && a.is(3, "withvalues")) {
            withValues = true;
        } else if (a.count() >= 4) {
            throw CommandError.SYNTAX;
        }
        if (count < 0 && withValues && -count > Long.MAX_VALUE / 2) {
            throw new CommandError("ERR value is out of range");
        }
        HashValue h = Values.readHash(c, a, 1);
        Reply r = c.out();
        if (h == null || count == 0) {
            r.array(0);
            return;
        }
        List<byte[][]> picked = new ArrayList<>();
        if (count < 0) {
            for (long i = 0; i < -count; i++) {
                picked.add(h.random());
            }
        } else {
            List<byte[][]> all = new ArrayList<>(h.size());
            h.forEach((f, v) -> all.add(new byte[][] {f, v}));
            if (count < all.size()) {
                Collections.shuffle(all, ThreadLocalRandom.current());
                all.subList((int) count, all.size()).clear();
            }
            picked = all;
        }
        if (withValues && r.resp3()) {
            r.array(picked.size());
        } else {
            r.array(withValues ? picked.size() * 2L : picked.size());
        }
        for (byte[][] pair : picked) {
            if (withValues && r.resp3()) {
                r.array(2);
            }
            r.bulk(pair[0]);
            if (withValues) {
                r.bulk(pair[1]);
            }
        }
    }

    private static void hscan(Client c, Args a) {
        long cursor = KeyCommands.cursorArg(a, 2);
        KeyCommands.ScanOptions opts = KeyCommands.ScanOptions.parse(a, 3, false);
        HashValue h = Values.readHash(c, a, 1);
        List<byte[]> items = new ArrayList<>();
        long next = 0;
        if (h != null) {
            next = h.scan(cursor, opts.count(), (f, v) -> {
                if (opts.matches(f)) {
                    items.add(f);
                    items.add(v);
                }
            });
        }
        KeyCommands.scanReply(c.out(), next, items);
    }

}

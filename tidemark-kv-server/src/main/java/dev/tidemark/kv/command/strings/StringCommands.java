package dev.tidemark.kv.command.strings;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.protocol.RespParser;
import dev.tidemark.kv.store.Bytes;
import dev.tidemark.kv.store.Database;
import dev.tidemark.kv.store.Entry;
import dev.tidemark.kv.store.LongDouble;
import java.math.BigDecimal;
import java.util.List;

/** String commands: SET and its variants, GET family, ranges, counters, MGET/MSET, LCS. */
public final class StringCommands {
    private static final String S = "string";

    private StringCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
            of("set", -3, "write denyoom", 1, 1, 1, "@write @string @slow", S, "Set the string value of a key", StringCommands::set),
            of("get", 2, "readonly fast", 1, 1, 1, "@read @string @fast", S, "Get the value of a key", StringCommands::get),
            of("getex", -2, "write fast", 1, 1, 1, "@write @string @fast", S, "Get the value of a key and optionally set its expiration", StringCommands::getex),
            of("getdel", 2, "write fast", 1, 1, 1, "@write @string @fast", S, "Get the value of a key and delete the key", StringCommands::getdel),
            of("getset", 3, "write denyoom fast", 1, 1, 1, "@write @string @fast", S, "Set the string value of a key and return its old value", StringCommands::getset),
            of("getrange", 4, "readonly", 1, 1, 1, "@read @string @slow", S, "Get a substring of the string stored at a key", StringCommands::getrange),
            of("substr", 4, "readonly", 1, 1, 1, "@read @string @slow", S, "Get a substring of the string stored at a key", StringCommands::getrange),
            of("setrange", 4, "write denyoom", 1, 1, 1, "@write @string @slow", S, "Overwrite part of a string at key starting at the specified offset", StringCommands::setrange),
            of("append", 3, "write denyoom fast", 1, 1, 1, "@write @string @fast", S, "Append a value to a key", StringCommands::append),
            of("strlen", 2, "readonly fast", 1, 1, 1, "@read @string @fast", S, "Get the length of the value stored in a key", StringCommands::strlen),
            of("incr", 2, "write denyoom fast", 1, 1, 1, "@write @string @fast", S, "Increment the integer value of a key by one", (c, a) -> incr(c, a, 1)),
            of("decr", 2, "write denyoom fast", 1, 1, 1, "@write @string @fast", S, "Decrement the integer value of a key by one", (c, a) -> incr(c, a, -1)),
            of("incrby", 3, "write denyoom fast", 1, 1, 1, "@write @string @fast", S, "Increment the integer value of a key by the given amount", (c, a) -> incr(c, a, Values.longArg(a, 2))),
            of("decrby", 3, "write denyoom fast", 1, 1, 1, "@write @string @fast", S, "Decrement the integer value of a key by the given number", StringCommands::decrby),
            of("incrbyfloat", 3, "write denyoom fast", 1, 1, 1, "@write @string @fast", S, "Increment the float value of a key by the given amount", StringCommands::incrbyfloat),
            of("mget", -2, "readonly fast", 1, -1, 1, "@read @string @fast", S, "Get the values of all the given keys", StringCommands::mget),
            of("mset", -3, "write denyoom", 1, -1, 2, "@write @string @slow", S, "Set multiple keys to multiple values", (c, a) -> mset(c, a, false)),
            of("msetnx", -3, "write denyoom", 1, -1, 2, "@write @string @slow", S, "Set multiple keys to multiple values, only if none of the keys exist", (c, a) -> mset(c, a, true)),
            of("setnx", 3, "write denyoom fast", 1, 1, 1, "@write @string @fast", S, "Set the value of a key, only if the key does not exist", StringCommands::setnx),
            of("setex", 4, "write denyoom", 1, 1, 1, "@write @string @slow", S, "Set the value and expiration of a key", (c, a) -> setWithTtl(c, a, 1000)),
            of("psetex", 4, "write denyoom", 1, 1, 1, "@write @string @slow", S, "Set the value and expiration in milliseconds of a key", (c, a) -> setWithTtl(c, a, 1)),
            of("lcs", -3, "readonly", 1, 2, 1, "@read @string @slow", S, "Find longest common substring", Lcs::lcs));
    }

    static void get(Client c, Args a) {
        c.out().bulkOrNull(Values.readString(c, a, 1));
    }

    /** SET's options, parsed with Redis's rules (which options may be combined, repeated, or follow others). */
    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GET = 4;
    private static final int KEEPTTL = 8;
    private static final int EX = 16;
    private static final int PX = 32;
    private static final int EXAT = 64;
    private static final int PXAT = 128;
    private static final int PERSIST = 256;
    private static final int ANY_TTL = EX | PX | EXAT | PXAT;

    private static int parseOptions(Args a, int from, boolean forSet, long[] expireAt, Client c) {
        int flags = 0;
        int expireArg = -1;
        for (int i = from; i < a.count(); i++) {
            boolean hasNext = i + 1 < a.count();
            if (forSet && a.is(i, "nx") && (flags & XX) == 0) {
                flags |= NX;
            } else if (forSet && a.is(i, "xx") && (flags & NX) == 0) {
                flags |= XX;
            } else if (forSet && a.is(i, "get")) {
                flags |= GET;
            } else if (forSet && a.is(i, "keepttl") && (flags & (PERSIST | ANY_TTL)) == 0) {
                flags |= KEEPTTL;
            } else if (!forSet && a.is(i, "persist") && (flags & (ANY_TTL | KEEPTTL)) == 0) {
                flags |= PERSIST;
            } else if (a.is(i, "ex") && (flags & (KEEPTTL | PERSIST | EXAT | PX | PXAT)) == 0 && hasNext) {
                flags |= EX;
                expireArg = ++i;
            } else if (a.is(i, "px") && (flags & (KEEPTTL | PERSIST | EX | EXAT | PXAT)) == 0 && hasNext) {
                flags |= PX;
                expireArg = ++i;
            } else if (a.is(i, "exat") && (flags & (KEEPTTL | PERSIST | EX | PX | PXAT)) == 0 && hasNext) {
                flags |= EXAT;
                expireArg = ++i;
            } else if (a.is(i, "pxat") && (flags & (KEEPTTL | PERSIST | EX | EXAT | PX)) == 0 && hasNext) {
                flags |= PXAT;
                expireArg = ++i;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        if (expireArg > 0) {
            boolean seconds = (flags & (EX | EXAT)) != 0;
            boolean relative = (flags & (EX | PX)) != 0;
            expireAt[0] = expireTime(c, a, expireArg, seconds ? 1000 : 1, relative);
        }
        return flags;
    }

    /** Redis's getExpireMillisecondsOrReply: positive, no overflow, as an absolute ms time. */
    static long expireTime(Client c, Args a, int i, long unit, boolean relative) {
        long v = Values.longArg(a, i);
        CommandError invalid = new CommandError("ERR invalid expire time in '" + a.string(0).toLowerCase(java.util.Locale.ROOT) + "' command");
        if (v <= 0 || (unit == 1000 && v > Long.MAX_VALUE / 1000)) {
            throw invalid;
        }
        v *= unit;
        if (relative) {
            v += c.engine().keyspace().now();
        }
        if (v <= 0) {
            throw invalid;
        }
        return v;
    }

    private static void set(Client c, Args a) {
        long[] expireAt = {Entry.NO_EXPIRY};
        int flags = parseOptions(a, 3, true, expireAt, c);
        Database db = c.db();
        Reply r = c.out();
        byte[] old = null;
        boolean found;
        if ((flags & GET) != 0) {
            old = Values.readString(c, a, 1);
            found = old != null;
        } else {
            found = db.read(a.buffer(), a.offset(1), a.length(1)) != null;
        }
        if (((flags & NX) != 0 && found) || ((flags & XX) != 0 && !found)) {
            if ((flags & GET) != 0) {
                r.bulkOrNull(old);
            } else {
                r.nullBulk();
            }
            return;
        }
        Entry e = db.set(a.buffer(), a.offset(1), a.length(1), a.bytes(2), (flags & KEEPTTL) != 0);
        if (expireAt[0] != Entry.NO_EXPIRY) {
            db.setExpiry(e, expireAt[0]);
        }
        if ((flags & GET) != 0) {
            r.bulkOrNull(old);
        } else {
            r.ok();
        }
    }

    private static void setnx(Client c, Args a) {
        Database db = c.db();
        if (db.read(a.buffer(), a.offset(1), a.length(1)) != null) {
            c.out().integer(0);
            return;
        }
        db.set(a.buffer(), a.offset(1), a.length(1), a.bytes(2), false);
        c.out().integer(1);
    }

    private static void setWithTtl(Client c, Args a, long unit) {
        long at = expireTime(c, a, 2, unit, true);
        Database db = c.db();
        Entry e = db.set(a.buffer(), a.offset(1), a.length(1), a.bytes(3), false);
        db.setExpiry(e, at);
        c.out().ok();
    }

    private static void getex(Client c, Args a) {
        long[] expireAt = {Entry.NO_EXPIRY};
        int flags = parseOptions(a, 2, false, expireAt, c);
        byte[] value = Values.readString(c, a, 1);
        Reply r = c.out();
        if (value == null) {
            r.nullBulk();
            return;
        }
        Database db = c.db();
        Entry e = db.read(a.buffer(), a.offset(1), a.length(1));
        if ((flags & (EXAT | PXAT)) != 0 && expireAt[0] <= c.engine().keyspace().now()) {
            db.removeEntry(e);
        } else if (expireAt[0] != Entry.NO_EXPIRY) {
            db.mutating(e);
            db.setExpiry(e, expireAt[0]);
        } else if ((flags & PERSIST) != 0 && e.expireAt() != Entry.NO_EXPIRY) {
            db.mutating(e);
            db.setExpiry(e, Entry.NO_EXPIRY);
        }
        r.bulk(value);
    }

    private static void getdel(Client c, Args a) {
        byte[] value = Values.readString(c, a, 1);
        if (value != null) {
            c.db().delete(a.buffer(), a.offset(1), a.length(1));
        }
        c.out().bulkOrNull(value);
    }

    private static void getset(Client c, Args a) {
        byte[] old = Values.readString(c, a, 1);
        c.db().set(a.buffer(), a.offset(1), a.length(1), a.bytes(2), false);
        c.out().bulkOrNull(old);
    }

    private static void getrange(Client c, Args a) {
        long start = Values.longArg(a, 2);
        long end = Values.longArg(a, 3);
        byte[] v = Values.readString(c, a, 1);
        Reply r = c.out();
        if (v == null || (start < 0 && end < 0 && start > end)) {
            r.bulk(Bytes.EMPTY);
            return;
        }
        long len = v.length;
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (end < 0) {
            end = 0;
        }
        if (end >= len) {
            end = len - 1;
        }
        if (start > end || len == 0) {
            r.bulk(Bytes.EMPTY);
        } else {
            r.bulk(v, (int) start, (int) (end - start + 1));
        }
    }

    private static void checkSize(long size) {
        if (size > RespParser.MAX_BULK_LENGTH) {
            throw CommandError.TOO_BIG;
        }
    }

    private static void setrange(Client c, Args a) {
        long offset = Values.longArg(a, 2);
        if (offset < 0) {
            throw new CommandError("ERR offset is out of range");
        }
        int len = a.length(3);
        Database db = c.db();
        byte[] old = Values.readString(c, a, 1);
        if (old == null) {
            if (len == 0) {
                c.out().integer(0);
                return;
            }
            checkSize(offset + len);
            byte[] v = new byte[(int) (offset + len)];
            System.arraycopy(a.buffer(), a.offset(3), v, (int) offset, len);
            Entry e = db.set(a.buffer(), a.offset(1), a.length(1), v, false);
            db.markRawString(e);
            c.out().integer(v.length);
            return;
        }
        if (len == 0) {
            c.out().integer(old.length);
            return;
        }
        checkSize(offset + len);
        byte[] v = old.length >= offset + len ? old.clone() : java.util.Arrays.copyOf(old, (int) (offset + len));
        System.arraycopy(a.buffer(), a.offset(3), v, (int) offset, len);
        Entry e = db.write(a.buffer(), a.offset(1), a.length(1));
        db.replaceValue(e, v);
        db.markRawString(e);
        c.out().integer(v.length);
    }

    private static void append(Client c, Args a) {
        Database db = c.db();
        byte[] old = Values.readString(c, a, 1);
        if (old == null) {
            db.set(a.buffer(), a.offset(1), a.length(1), a.bytes(2), false);
            c.out().integer(a.length(2));
            return;
        }
        checkSize((long) old.length + a.length(2));
        byte[] v = java.util.Arrays.copyOf(old, old.length + a.length(2));
        System.arraycopy(a.buffer(), a.offset(2), v, old.length, a.length(2));
        Entry e = db.write(a.buffer(), a.offset(1), a.length(1));
        db.replaceValue(e, v);
        db.markRawString(e);
        c.out().integer(v.length);
    }

    private static void strlen(Client c, Args a) {
        byte[] v = Values.readString(c, a, 1);
        c.out().integer(v == null ? 0 : v.length);
    }

    private static void decrby(Client c, Args a) {
        long by = Values.longArg(a, 2);
        if (by == Long.MIN_VALUE) {
            throw new CommandError("ERR decrement would overflow");
        }
        incr(c, a, -by);
    }

    private static void incr(Client c, Args a, long by) {
        Database db = c.db();
        Entry e = Values.write(c, a, 1, byte[].class);
        long current = 0;
        if (e != null) {
            byte[] v = (byte[]) e.value();
            if (!Bytes.isLong(v)) {
                throw CommandError.NOT_INTEGER;
            }
            current = Bytes.toLong(v);
        }
        if ((by < 0 && current < 0 && by < Long.MIN_VALUE - current) || (by > 0 && current > 0 && by > Long.MAX_VALUE - current)) {
            throw CommandError.OVERFLOW;
        }
        long result = current + by;
        byte[] bytes = Bytes.longBytes(result);
        if (e == null) {
            db.add(a.bytes(1), bytes);
        } else {
            db.replaceValue(e, bytes);
        }
        c.out().integer(result);
    }

    private static void incrbyfloat(Client c, Args a) {
        Database db = c.db();
        byte[] old = Values.readString(c, a, 1);
        BigDecimal current = BigDecimal.ZERO;
        if (old != null) {
            current = LongDouble.parse(old, 0, old.length);
            if (current == null) {
                throw CommandError.NOT_FLOAT;
            }
        }
        BigDecimal by = Values.longDoubleArg(a, 2, CommandError.NOT_FLOAT);
        BigDecimal result = LongDouble.add(current, by);
        if (result == LongDouble.INFINITE) {
            throw new CommandError("ERR increment would produce NaN or Infinity");
        }
        byte[] bytes = LongDouble.formatHuman(result);
        Entry e;
        if (old == null) {
            e = db.add(a.bytes(1), bytes);
        } else {
            e = db.write(a.buffer(), a.offset(1), a.length(1));
            db.replaceValue(e, bytes);
        }
        db.stringForm(e, Entry.FORM_NOT_INT);
        c.out().bulk(bytes);
    }

    private static void mget(Client c, Args a) {
        Reply r = c.out();
        r.array(a.count() - 1);
        for (int i = 1; i < a.count(); i++) {
            Entry e = Values.read(c, a, i);
            r.bulkOrNull(e != null && e.value() instanceof byte[] b ? b : null);
        }
    }

    private static void mset(Client c, Args a, boolean onlyIfNoneExists) {
        if (a.count() % 2 == 0) {
            throw CommandError.wrongArgs(onlyIfNoneExists ? "msetnx" : "mset");
        }
        Database db = c.db();
        if (onlyIfNoneExists) {
            for (int i = 1; i < a.count(); i += 2) {
                if (db.read(a.buffer(), a.offset(i), a.length(i)) != null) {
                    c.out().integer(0);
                    return;
                }
            }
        }
        for (int i = 1; i < a.count(); i += 2) {
            db.set(a.buffer(), a.offset(i), a.length(i), a.bytes(i + 1), false);
        }
        if (onlyIfNoneExists) {
            c.out().integer(1);
        } else {
            c.out().ok();
        }
    }
}

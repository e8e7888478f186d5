package dev.tidemark.kv.command.keys;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.store.Database;
import dev.tidemark.kv.store.Entry;

/** EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with NX XX GT LT), TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST. */
final class Expiry {
    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;

    private Expiry() {
    }

    static void expire(Client c, Args a, boolean absolute, long unitMillis) {
        int flags = 0;
        for (int i = 3; i < a.count(); i++) {
            if (a.is(i, "nx")) {
                flags |= NX;
            } else if (a.is(i, "xx")) {
                flags |= XX;
            } else if (a.is(i, "gt")) {
                flags |= GT;
            } else if (a.is(i, "lt")) {
                flags |= LT;
            } else {
                throw new CommandError("ERR Unsupported option " + a.string(i));
            }
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
            throw new CommandError("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if ((flags & GT) != 0 && (flags & LT) != 0) {
            throw new CommandError("ERR GT and LT options at the same time are not compatible");
        }
        if (!a.isLong(2)) {
            throw CommandError.NOT_INTEGER;
        }
        long when = a.toLong(2);
        String name = a.string(0).toLowerCase(java.util.Locale.ROOT);
        CommandError invalid = new CommandError("ERR invalid expire time in '" + name + "' command");
        if (unitMillis == 1000) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw invalid;
            }
            when *= 1000;
        }
        long base = absolute ? 0 : c.engine().keyspace().now();
        if (when > Long.MAX_VALUE - base) {
            throw invalid;
        }
        when += base;
        Database db = c.db();
        Entry e = db.read(a.buffer(), a.offset(1), a.length(1));
        if (e == null) {
            c.out().integer(0);
            return;
        }
        long current = e.expireAt();
        boolean none = current == Entry.NO_EXPIRY;
        if (((flags & NX) != 0 && !none)
            || ((flags & XX) != 0 && none)
            || ((flags & GT) != 0 && (none || when <= current))
            || ((flags & LT) != 0 && !none && when >= current)) {
            c.out().integer(0);
            return;
        }
        if (when <= c.engine().keyspace().now()) {
            db.removeEntry(e);
        } else {
            db.mutating(e);
            db.setExpiry(e, when);
        }
        c.out().integer(1);
    }

    static void ttl(Client c, Args a, boolean millis, boolean absolute) {
        Entry e = c.db().read(a.buffer(), a.offset(1), a.length(1));
        if (e == null) {
            c.out().integer(-2);
            return;
        }
        long at = e.expireAt();
        if (at == Entry.NO_EXPIRY) {
            c.out().integer(-1);
            return;
        }
        if (absolute) {
            c.out().integer(millis ? at : at / 1000);
            return;
        }
        long left = Math.max(0, at - c.engine().keyspace().now());
        c.out().integer(millis ? left : (left + 500) / 1000);
    }

    static void persist(Client c, Args a) {
        Database db = c.db();
        Entry e = db.read(a.buffer(), a.offset(1), a.length(1));
        if (e == null || e.expireAt() == Entry.NO_EXPIRY) {
            c.out().integer(0);
            return;
        }
        db.mutating(e);
        db.setExpiry(e, Entry.NO_EXPIRY);
        c.out().integer(1);
    }
}

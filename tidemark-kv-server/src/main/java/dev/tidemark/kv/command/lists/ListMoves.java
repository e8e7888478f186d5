package dev.tidemark.kv.command.lists;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.Database;
import dev.tidemark.kv.store.Entry;
import dev.tidemark.kv.store.ListValue;
import java.util.ArrayList;
import java.util.List;

/** Moving and multi-key pops shared by LMOVE, RPOPLPUSH, LMPOP and their blocking forms. */
final class ListMoves {
    private ListMoves() {
    }

    /** LEFT or RIGHT: true for LEFT. */
    static boolean side(Args a, int i) {
        if (a.is(i, "left")) {
            return true;
        }
        if (a.is(i, "right")) {
            return false;
        }
        throw CommandError.SYNTAX;
    }

    /**
     * Moves one element from the list at src to dst (LMOVE semantics); returns it, or null when src is empty.
     * Type checks happen before anything changes.
     */
    static byte[] move(Client c, Database db, byte[] src, byte[] dst, boolean fromLeft, boolean toLeft) {
        Entry s = db.read(src);
        if (s == null) {
            return null;
        }
        Values.listValue(s);
        Entry d = db.read(dst);
        Values.listValue(d);
        db.mutating(s);
        ListValue from = (ListValue) s.value();
        byte[] v = fromLeft ? from.removeFirst() : from.removeLast();
        ListValue to;
        if (d == null || d == s) {
            if (d == null) {
                to = new ListValue();
            } else {
                to = from;
            }
        } else {
            db.mutating(d);
            to = (ListValue) d.value();
        }
        if (toLeft) {
            to.addFirst(v);
        } else {
            to.addLast(v);
        }
        if (d == null) {
            db.removeIfEmpty(s);
            db.add(dst.clone(), to);
        } else {
            db.removeIfEmpty(s);
        }
        return v;
    }

    static void lmove(Client c, Args a) {
        boolean fromLeft = side(a, 3);
        boolean toLeft = side(a, 4);
        c.out().bulkOrNull(move(c, c.db(), a.bytes(1), a.bytes(2), fromLeft, toLeft));
    }

    static void rpoplpush(Client c, Args a) {
        c.out().bulkOrNull(move(c, c.db(), a.bytes(1), a.bytes(2), false, true));
    }

    /** Parsed LMPOP/BLMPOP arguments from index numKeysAt: keys, side, count. */
    record MultiPop(List<byte[]> keys, boolean left, long count) {
        static MultiPop parse(Args a, int numKeysAt, String name) {
            CommandError badNumKeys = new CommandError("ERR numkeys should be greater than 0");
            if (!a.isLong(numKeysAt) || a.toLong(numKeysAt) <= 0) {
                throw badNumKeys;
            }
            long numKeys = a.toLong(numKeysAt);
            if (numKeysAt + numKeys + 1 >= a.count()) {
                throw CommandError.SYNTAX;
            }
            List<byte[]> keys = new ArrayList<>();
            for (int i = 0; i < numKeys; i++) {
                keys.add(a.bytes(numKeysAt + 1 + i));
            }
            int at = numKeysAt + 1 + (int) numKeys;
            boolean left = side(a, at++);
            long count = 1;
            if (at < a.count()) {
                if (a.is(at, "count") && at + 1 < a.count() && at + 2 == a.count()) {
                    CommandError badCount = new CommandError("ERR count should be greater than 0");
                    if (!a.isLong(at + 1) || a.toLong(at + 1) <= 0) {
                        throw badCount;
                    }
                    count = a.toLong(at + 1);
                } else {
                    throw CommandError.SYNTAX;
                }
            }
            return new MultiPop(keys, left, count);
        }
    }

    /** Pops up to count elements from the list at key and replies [key, [elements]]; false when it is empty. */
    static boolean popInto(Client c, Database db, byte[] key, boolean left, long count) {
        Entry e = db.read(key);
        if (e == null) {
            return false;
        }
        ListValue l = Values.listValue(e);
        db.mutating(e);
        long n = Math.min(count, l.size());
        Reply r = c.out();
        r.array(2);
        r.bulk(key);
        r.array(n);
        for (long i = 0; i < n; i++) {
            r.bulk(left ? l.removeFirst() : l.removeLast());
        }
        db.removeIfEmpty(e);
        return true;
    }

    static void lmpop(Client c, Args a) {
        MultiPop p = MultiPop.parse(a, 1, "lmpop");
        Database db = c.db();
        for (byte[] k : p.keys()) {
            if (popInto(c, db, k, p.left(), p.count())) {
                return;
            }
        }
        c.out().nullArray();
    }
}

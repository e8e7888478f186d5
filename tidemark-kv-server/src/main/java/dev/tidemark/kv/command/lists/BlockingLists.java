package dev.tidemark.kv.command.lists;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.BlockingRegistry;
import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.Database;
import dev.tidemark.kv.store.Entry;
import dev.tidemark.kv.store.ListValue;
import java.util.ArrayList;
import java.util.List;

/**
 * BLPOP BRPOP BLMOVE BRPOPLPUSH BLMPOP: served at once when a key has elements, otherwise the client blocks
 * until a push (or RENAME, COPY, MOVE, SWAPDB, EXEC...) makes one of its keys non-empty, or the timeout ends.
 * Inside MULTI they never block.
 */
final class BlockingLists {
    private static final String L = "list";

    private BlockingLists() {
    }

    static List<CommandSpec> specs() {
        return List.of(
            of("blpop", -3, "write noscript blocking", 1, -2, 1, "@write @list @slow @blocking", L, "Remove and get the first element in a list, or block until one is available", (c, a) -> bpop(c, a, true)),
            of("brpop", -3, "write noscript blocking", 1, -2, 1, "@write @list @slow @blocking", L, "Remove and get the last element in a list, or block until one is available", (c, a) -> bpop(c, a, false)),
            of("blmove", 6, "write denyoom noscript blocking", 1, 2, 1, "@write @list @slow @blocking", L, "Pop an element from a list, push it to another list and return it; or block until one is available", BlockingLists::blmove),
            of("brpoplpush", 4, "write denyoom noscript blocking", 1, 2, 1, "@write @list @slow @blocking", L, "Pop an element from a list, push it to another list and return it; or block until one is available", BlockingLists::brpoplpush),
            of("blmpop", -5, "write blocking movablekeys", 0, 0, 0, "@write @list @slow @blocking", L, "Pop elements from a list, or block until one is available", BlockingLists::blmpop));
    }

    private abstract static class ListWaiter implements BlockingRegistry.Waiter {
        @Override
        public void timedOut(Client client) {
            client.out().nullArray();
        }
    }

    private static boolean popOne(Client c, Database db, byte[] key, boolean left) {
        Entry e = db.read(key);
        if (e == null || !(e.value() instanceof ListValue l) || l.size() == 0) {
            return false;
        }
        db.mutating(e);
        Reply r = c.out();
        r.array(2);
        r.bulk(key);
        r.bulk(left ? l.removeFirst() : l.removeLast());
        db.removeIfEmpty(e);
        return true;
    }

    private static void bpop(Client c, Args a, boolean left) {
        long timeout = Values.timeoutArg(c, a, a.count() - 1);
        Database db = c.db();
        List<byte[]> keys = new ArrayList<>();
        for (int i = 1; i < a.count() - 1; i++) {
            byte[] key = a.bytes(i);
            Entry e = db.read(key);
            if (e != null) {
                Values.listValue(e);
                if (popOne(c, db, key, left)) {
                    return;
                }
            }
            keys.add(key);
        }
        if (c.inMulti() || c.engine().inExec()) {
            c.out().nullArray();
            return;
        }
        c.engine().blocking().block(c, keys, timeout, new ListWaiter() {
            @Override
            public boolean serve(Client client, Database database, byte[] key) {
                return popOne(client, database, key, left);
            }
        });
    }

    private static void blmove(Client c, Args a) {
        boolean fromLeft = ListMoves.side(a, 3);
        boolean toLeft = ListMoves.side(a, 4);
        blockingMove(c, a, 5, fromLeft, toLeft);
    }

    private static void brpoplpush(Client c, Args a) {
        blockingMove(c, a, 3, false, true);
    }

    private static void blockingMove(Client c, Args a, int timeoutAt, boolean fromLeft, boolean toLeft) {
        long timeout = Values.timeoutArg(c, a, timeoutAt);
        byte[] src = a.bytes(1);
        byte[] dst = a.bytes(2);
        byte[] moved = ListMoves.move(c, c.db(), src, dst, fromLeft, toLeft);
        if (moved != null) {
            c.out().bulk(moved);
            return;
        }
        if (c.inMulti() || c.engine().inExec()) {
            c.out().nullBulk();
            return;
        }
        c.engine().blocking().block(c, List.of(src), timeout, new ListWaiter() {
            @Override
            public boolean serve(Client client, Database database, byte[] key) {
                Entry s = database.read(src);
                if (s == null) {
                    return false;
                }
                Entry d = database.read(dst);
                if (d != null && !(d.value() instanceof ListValue)) {
                    // as Redis: the waiter gets the type error and stops waiting, the element stays
                    client.out().error(dev.tidemark.kv.command.CommandError.WRONG_TYPE.getMessage());
                    return true;
                }
                byte[] v = ListMoves.move(client, database, src, dst, fromLeft, toLeft);
                if (v == null) {
                    return false;
                }
                client.out().bulk(v);
                return true;
            }
        });
    }

    private static void blmpop(Client c, Args a) {
        long timeout = Values.timeoutArg(c, a, 1);
        ListMoves.MultiPop p = ListMoves.MultiPop.parse(a, 2, "blmpop");
        Database db = c.db();
        for (byte[] k : p.keys()) {
            Entry e = db.read(k);
            if (e != null) {
                Values.listValue(e);
                if (ListMoves.popInto(c, db, k, p.left(), p.count())) {
                    return;
                }
            }
        }
        if (c.inMulti() || c.engine().inExec()) {
            c.out().nullArray();
            return;
        }
        c.engine().blocking().block(c, p.keys(), timeout, new ListWaiter() {
            @Override
            public boolean serve(Client client, Database database, byte[] key) {
                Entry e = database.read(key);
                if (e == null || !(e.value() instanceof ListValue l) || l.size() == 0) {
                    return false;
                }
                return ListMoves.popInto(client, database, key, p.left(), p.count());
            }
        });
    }
}

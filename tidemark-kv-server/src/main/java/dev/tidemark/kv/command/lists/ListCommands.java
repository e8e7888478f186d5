package dev.tidemark.kv.command.lists;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.Bytes;
import dev.tidemark.kv.store.Entry;
import dev.tidemark.kv.store.ListValue;
import java.util.ArrayList;
import java.util.List;

/** List commands; the blocking ones are in {@link BlockingLists}. */
public final class ListCommands {
    private static final String L = "list";

    private ListCommands() {
    }

    public static List<CommandSpec> specs() {
        List<CommandSpec> specs = new ArrayList<>(List.of(
            of("lpush", -3, "write denyoom fast", 1, 1, 1, "@write @list @fast", L, "Prepend one or multiple elements to a list", (c, a) -> push(c, a, true, false)),
            of("rpush", -3, "write denyoom fast", 1, 1, 1, "@write @list @fast", L, "Append one or multiple elements to a list", (c, a) -> push(c, a, false, false)),
            of("lpushx", -3, "write denyoom fast", 1, 1, 1, "@write @list @fast", L, "Prepend an element to a list, only if the list exists", (c, a) -> push(c, a, true, true)),
            of("rpushx", -3, "write denyoom fast", 1, 1, 1, "@write @list @fast", L, "Append an element to a list, only if the list exists", (c, a) -> push(c, a, false, true)),
            of("lpop", -2, "write fast", 1, 1, 1, "@write @list @fast", L, "Remove and get the first elements in a list", (c, a) -> pop(c, a, true)),
            of("rpop", -2, "write fast", 1, 1, 1, "@write @list @fast", L, "Remove and get the last elements in a list", (c, a) -> pop(c, a, false)),
            of("llen", 2, "readonly fast", 1, 1, 1, "@read @list @fast", L, "Get the length of a list", ListCommands::llen),
            of("lrange", 4, "readonly", 1, 1, 1, "@read @list @slow", L, "Get a range of elements from a list", ListCommands::lrange),
            of("lindex", 3, "readonly", 1, 1, 1, "@read @list @slow", L, "Get an element from a list by its index", ListCommands::lindex),
            of("lset", 4, "write denyoom", 1, 1, 1, "@write @list @slow", L, "Set the value of an element in a list by its index", ListCommands::lset),
            of("linsert", 5, "write denyoom", 1, 1, 1, "@write @list @slow", L, "Insert an element before or after another element in a list", ListCommands::linsert),
            of("lrem", 4, "write", 1, 1, 1, "@write @list @slow", L, "Remove elements from a list", ListCommands::lrem),
            of("ltrim", 4, "write", 1, 1, 1, "@write @list @slow", L, "Trim a list to the specified range", ListCommands::ltrim),
            of("lpos", -3, "readonly", 1, 1, 1, "@read @list @slow", L, "Return the index of matching elements on a list", ListCommands::lpos),
            of("lmove", 5, "write denyoom", 1, 2, 1, "@write @list @slow", L, "Pop an element from a list, push it to another list and return it", ListMoves::lmove),
            of("rpoplpush", 3, "write denyoom", 1, 2, 1, "@write @list @slow", L, "Remove the last element in a list, prepend it to another list and return it", ListMoves::rpoplpush),
            of("lmpop", -4, "write movablekeys", 0, 0, 0, "@write @list @slow", L, "Pop elements from a list", ListMoves::lmpop)));
        specs.addAll(BlockingLists.specs());
        return specs;
    }

    private static void push(Client c, Args a, boolean left, boolean onlyIfExists) {
        Entry e = Values.write(c, a, 1, ListValue.class);
        if (e == null && onlyIfExists) {
            c.out().integer(0);
            return;
        }
        ListValue list = e == null ? new ListValue() : (ListValue) e.value();
        for (int i = 2; i < a.count(); i++) {
            if (left) {
                list.addFirst(a.bytes(i));
            } else {
                list.addLast(a.bytes(i));
            }
        }
        if (e == null) {
            c.db().add(a.bytes(1), list);
        }
        c.out().integer(list.size());
    }

    private static void pop(Client c, Args a, boolean left) {
        if (a.count() > 3) {
            throw CommandError.wrongArgs(left ? "lpop" : "rpop");
        }
        long count = -1;
        if (a.count() == 3) {
            count = Values.positiveArg(a, 2);
        }
        Entry e = Values.write(c, a, 1, ListValue.class);
        Reply r = c.out();
        if (e == null) {
            if (count >= 0) {
                r.nullArray();
            } else {
                r.nullBulk();
            }
            return;
        }
        ListValue list = (ListValue) e.value();
        if (count < 0) {
            r.bulk(left ? list.removeFirst() : list.removeLast());
        } else if (count == 0) {
            r.array(0);
        } else {
            long n = Math.min(count, list.size());
            r.array(n);
            for (long i = 0; i < n; i++) {
                r.bulk(left ? list.removeFirst() : list.removeLast());
            }
        }
        c.db().removeIfEmpty(e);
    }

    private static void llen(Client c, Args a) {
        ListValue l = Values.readList(c, a, 1);
        c.out().integer(l == null ? 0 : l.size());
    }

    private static void lrange(Client c, Args a) {
        long start = Values.longArg(a, 2);
        long end = Values.longArg(a, 3);
        ListValue l = Values.readList(c, a, 1);
        Reply r = c.out();
        if (l == null) {
            r.array(0);
            return;
        }
        long[] range = Values.range(start, end, l.size());
        if (range[0] > range[1] || range[0] >= l.size()) {
            r.array(0);
            return;
        }
        r.array(range[1] - range[0] + 1);
        for (long i = range[0]; i <= range[1]; i++) {
            r.bulk(l.get((int) i));
        }
    }

    private static void lindex(Client c, Args a) {
        long index = Values.longArg(a, 2);
        ListValue l = Values.readList(c, a, 1);
        if (l == null) {
            c.out().nullBulk();
            return;
        }
        if (index < 0) {
            index += l.size();
        }
        c.out().bulkOrNull(index >= 0 && index < l.size() ? l.get((int) index) : null);
    }

    private static void lset(Client c, Args a) {
        long index = Values.longArg(a, 2);
        ListValue existing = Values.readList(c, a, 1);
        if (existing == null) {
            throw CommandError.NO_SUCH_KEY;
        }
        if (index < 0) {
            index += existing.size();
        }
        if (index < 0 || index >= existing.size()) {
            throw CommandError.INDEX_OUT_OF_RANGE;
        }
        Values.write(c, a, 1, ListValue.class);
        existing.set((int) index, a.bytes(3));
        c.out().ok();
    }

    private static int indexOf(ListValue l, Args a, int arg) {
        for (int i = 0; i < l.size(); i++) {
            if (Bytes.equals(l.get(i), a.buffer(), a.offset(arg), a.length(arg))) {
                return i;
            }
        }
        return -1;
    }

    private static void linsert(Client c, Args a) {
        boolean after;
        if (a.is(2, "after")) {
            after = true;
        } else if (a.is(2, "before")) {
            after = false;
        } else {
            throw CommandError.SYNTAX;
        }
        ListValue l = Values.readList(c, a, 1);
        if (l == null) {
            c.out().integer(0);
            return;
        }
        int at = indexOf(l, a, 3);
        if (at < 0) {
            c.out().integer(-1);
            return;
        }
        Values.write(c, a, 1, ListValue.class);
        l.insert(after ? at + 1 : at, a.bytes(4));
        c.out().integer(l.size());
    }

    private static void lrem(Client c, Args a) {
        long count = Values.longArg(a, 2);
        Entry e = Values.write(c, a, 1, ListValue.class);
        if (e == null) {
            c.out().integer(0);
            return;
        }
        ListValue l = (ListValue) e.value();
        long removed = 0;
        if (count >= 0) {
            for (int i = 0; i < l.size() && (count == 0 || removed < count); ) {
                if (Bytes.equals(l.get(i), a.buffer(), a.offset(3), a.length(3))) {
                    l.removeAt(i);
                    removed++;
                } else {
                    i++;
                }
            }
        } else {
            for (int i = l.size() - 1; i >= 0 && removed < -count; i--) {
                if (Bytes.equals(l.get(i), a.buffer(), a.offset(3), a.length(3))) {
                    l.removeAt(i);
                    removed++;
                }
            }
        }
        c.db().removeIfEmpty(e);
        c.out().integer(removed);
    }

    private static void ltrim(Client c, Args a) {
        long start = Values.longArg(a, 2);
        long end = Values.longArg(a, 3);
        Entry e = Values.write(c, a, 1, ListValue.class);
        if (e != null) {
            ListValue l = (ListValue) e.value();
            long[] range = Values.range(start, end, l.size());
            if (range[0] > range[1] || range[0] >= l.size()) {
                l.clear();
            } else {
                l.trim((int) range[0], (int) range[1]);
            }
            c.db().removeIfEmpty(e);
        }
        c.out().ok();
    }

    private static void lpos(Client c, Args a) {
        long rank = 1;
        long count = -1;
        long maxLen = 0;
        for (int i = 3; i < a.count(); i++) {
            boolean hasNext = i + 1 < a.count();
            if (a.is(i, "rank") && hasNext) {
                rank = Values.longArg(a, ++i);
                if (rank == 0) {
                    throw new CommandError("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list");
                }
            } else if (a.is(i, "count") && hasNext) {
                count = Values.longArg(a, ++i);
                if (count < 0) {
                    throw new CommandError("ERR COUNT can't be negative");
                }
            } else if (a.is(i, "maxlen") && hasNext) {
                maxLen = Values.longArg(a, ++i);
                if (maxLen < 0) {
                    throw new CommandError("ERR MAXLEN can't be negative");
                }
            } else {
                throw CommandError.SYNTAX;
            }
        }
        ListValue l = Values.readList(c, a, 1);
        Reply r = c.out();
        if (l == null) {
            if (count >= 0) {
                r.array(0);
            } else {
                r.nullBulk();
            }
            return;
        }
        boolean fromTail = rank < 0;
        // Redis negates LLONG_MIN into itself, which then matches the first element found
        long skip = rank == Long.MIN_VALUE ? 0 : Math.abs(rank) - 1;
        List<Long> found = new ArrayList<>();
        int size = l.size();
        long limit = count == 0 ? Long.MAX_VALUE : Math.max(count, 1);
        for (int n = 0; n < size && (maxLen == 0 || n < maxLen) && found.size() < limit; n++) {
            int i = fromTail ? size - 1 - n : n;
            if (Bytes.equals(l.get(i), a.buffer(), a.offset(2), a.length(2))) {
                if (skip > 0) {
                    skip--;
                } else {
                    found.add((long) i);
                }
            }
        }
        if (count >= 0) {
            r.array(found.size());
            for (long i : found) {
                r.integer(i);
            }
        } else if (found.isEmpty()) {
            r.nullBulk();
        } else {
            r.integer(found.get(0));
        }
    }
}

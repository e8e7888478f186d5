package dev.tidemark.kv.command.sets;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.Database;
import dev.tidemark.kv.store.SetValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** SINTER SINTERCARD SINTERSTORE SUNION SUNIONSTORE SDIFF SDIFFSTORE. */
final class SetAlgebra {
    private static final String T = "set";

    private SetAlgebra() {
    }

    static List<CommandSpec> specs() {
        return List.of(
            of("sinter", -2, "readonly", 1, -1, 1, "@read @set @slow", T, "Intersect multiple sets", (c, a) -> inter(c, a, 1, false)),
            of("sintercard", -3, "readonly movablekeys", 0, 0, 0, "@read @set @slow", T, "Intersect multiple sets and return the cardinality of the result", SetAlgebra::intercard),
            of("sinterstore", -3, "write denyoom", 1, -1, 1, "@write @set @slow", T, "Intersect multiple sets and store the resulting set in a key", (c, a) -> inter(c, a, 2, true)),
            of("sunion", -2, "readonly", 1, -1, 1, "@read @set @slow", T, "Add multiple sets", (c, a) -> unionDiff(c, a, 1, false, false)),
            of("sunionstore", -3, "write denyoom", 1, -1, 1, "@write @set @slow", T, "Add multiple sets and store the resulting set in a key", (c, a) -> unionDiff(c, a, 2, false, true)),
            of("sdiff", -2, "readonly", 1, -1, 1, "@read @set @slow", T, "Subtract multiple sets", (c, a) -> unionDiff(c, a, 1, true, false)),
            of("sdiffstore", -3, "write denyoom", 1, -1, 1, "@write @set @slow", T, "Subtract multiple sets and store the resulting set in a key", (c, a) -> unionDiff(c, a, 2, true, true)));
    }

    /** The sets at args[from..to), type-checked all; a missing key is null. */
    private static List<SetValue> sets(Client c, Args a, int from, int to) {
        List<SetValue> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Values.readSet(c, a, i));
        }
        return out;
    }

    /** Members of the intersection, iterating the smallest set as Redis does (so an intset gives ascending order). */
    private static List<byte[]> intersection(List<SetValue> sets, long limit) {
        List<byte[]> out = new ArrayList<>();
        if (sets.contains(null)) {
            return out;
        }
        List<SetValue> bySize = new ArrayList<>(sets);
        bySize.sort(Comparator.comparingInt(SetValue::size));
        SetValue smallest = bySize.get(0);
        smallest.forEach(m -> {
            if (limit > 0 && out.size() >= limit) {
                return;
            }
            for (int i = 1; i < bySize.size(); i++) {
                if (!bySize.get(i).contains(m)) {
                    return;
                }
            }
            out.add(m);
        });
        return out;
    }

    private static void store(Client c, Args a, SetValue result) {
        Database db = c.db();
        if (result.size() == 0) {
            db.delete(a.buffer(), a.offset(1), a.length(1));
        } else {
            db.set(a.buffer(), a.offset(1), a.length(1), result, false);
        }
        c.out().integer(result.size());
    }

    private static void inter(Client c, Args a, int firstKey, boolean store) {
        List<byte[]> members = intersection(sets(c, a, firstKey, a.count()), 0);
        if (store) {
            SetValue result = new SetValue(c.engine().keyspace().limits);
            members.forEach(result::add);
            store(c, a, result);
            return;
        }
        Reply r = c.out();
        r.set(members.size());
        members.forEach(r::bulk);
    }

    private static void intercard(Client c, Args a) {
        CommandError badNumKeys = new CommandError("ERR numkeys should be greater than 0");
        if (!a.isLong(1) || a.toLong(1) <= 0) {
            throw badNumKeys;
        }
        long numKeys = a.toLong(1);
        if (numKeys > a.count() - 2) {
            throw new CommandError("ERR Number of keys can't be greater than number of args");
        }
        long limit = 0;
        for (int i = 2 + (int) numKeys; i < a.count(); i++) {
            if (a.is(i, "limit") && i + 1 < a.count()) {
                if (!a.isLong(i + 1) || a.toLong(i + 1) < 0) {
                    throw new CommandError("ERR LIMIT can't be negative");
                }
                limit = a.toLong(++i);
            } else {
                throw CommandError.SYNTAX;
            }
        }
        c.out().integer(intersection(sets(c, a, 2, 2 + (int) numKeys), limit).size());
    }

    private static void unionDiff(Client c, Args a, int firstKey, boolean diff, boolean store) {
        List<SetValue> sets = sets(c, a, firstKey, a.count());
        SetValue result = new SetValue(c.engine().keyspace().limits);
        if (diff) {
            SetValue first = sets.get(0);
            if (first != null) {
                first.forEach(m -> {
                    for (int i = 1; i < sets.size(); i++) {
                        if (sets.get(i) != null && sets.get(i).contains(m)) {
                            return;
                        }
                    }
                    result.add(m);
                });
            }
        } else {
            for (SetValue s : sets) {
                if (s != null) {
                    s.forEach(m -> {
                        if (!result.contains(m)) {
                            result.add(m);
                        }
                    });
                }
            }
        }
        if (store) {
            store(c, a, result);
        } else {
            SetCommands.replyMembers(c.out(), result);
        }
    }
}

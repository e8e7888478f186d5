package dev.tidemark.kv.command.sets;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.command.keys.KeyCommands;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.Database;
import dev.tidemark.kv.store.Entry;
import dev.tidemark.kv.store.SetValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Set commands; the algebra (SINTER, SUNION, SDIFF and their STORE forms) is in {@link SetAlgebra}. */
public final class SetCommands {
    private static final String T = "set";

    private SetCommands() {
    }

    public static List<CommandSpec> specs() {
        List<CommandSpec> specs = new ArrayList<>(List.of(
            of("sadd", -3, "write denyoom fast", 1, 1, 1, "@write @set @fast", T, "Add one or more members to a set", SetCommands::sadd),
            of("srem", -3, "write fast", 1, 1, 1, "@write @set @fast", T, "Remove one or more members from a set", SetCommands::srem),
            of("smembers", 2, "readonly", 1, 1, 1, "@read @set @slow", T, "Get all the members in a set", SetCommands::smembers),
            of("sismember", 3, "readonly fast", 1, 1, 1, "@read @set @fast", T, "Determine if a given value is a member of a set", SetCommands::sismember),
            of("smismember", -3, "readonly fast", 1, 1, 1, "@read @set @fast", T, "Returns the membership associated with the given elements for a set", SetCommands::smismember),
            of("scard", 2, "readonly fast", 1, 1, 1, "@read @set @fast", T, "Get the number of members in a set", SetCommands::scard),
            of("spop", -2, "write fast", 1, 1, 1, "@write @set @fast", T, "Remove and return one or multiple random members from a set", SetCommands::spop),
            of("srandmember", -2, "readonly", 1, 1, 1, "@read @set @slow", T, "Get one or multiple random members from a set", SetCommands::srandmember),
            of("smove", 4, "write fast", 1, 2, 1, "@write @set @fast", T, "Move a member from one set to another", SetCommands::smove),
            of("sscan", -3, "readonly", 1, 1, 1, "@read @set @slow", T, "Incrementally iterate Set elements", SetCommands::sscan)));
        specs.addAll(SetAlgebra.specs());
        return specs;
    }

    static void replyMembers(Reply r, SetValue s) {
        r.set(s == null ? 0 : s.size());
        if (s != null) {
            s.forEach(r::bulk);
        }
    }

    private static void sadd(Client c, Args a) {
        Entry e = Values.write(c, a, 1, SetValue.class);
        SetValue s = e == null ? new SetValue(c.engine().keyspace().limits) : (SetValue) e.value();
        long added = 0;
        for (int i = 2; i < a.count(); i++) {
            if (!s.contains(a.buffer(), a.offset(i), a.length(i)) && s.add(a.bytes(i))) {
                added++;
            }
        }
        if (e == null) {
            c.db().add(a.bytes(1), s);
        }
        c.out().integer(added);
    }

    private static void srem(Client c, Args a) {
        Entry e = Values.write(c, a, 1, SetValue.class);
        if (e == null) {
            c.out().integer(0);
            return;
        }
        SetValue s = (SetValue) e.value();
        long removed = 0;
        for (int i = 2; i < a.count(); i++) {
            if (s.remove(a.buffer(), a.offset(i), a.length(i))) {
                removed++;
            }
        }
        c.db().removeIfEmpty(e);
        c.out().integer(removed);
    }

    private static void smembers(Client c, Args a) {
        replyMembers(c.out(), Values.readSet(c, a, 1));
    }

    private static void sismember(Client c, Args a) {
        SetValue s = Values.readSet(c, a, 1);
        c.out().integer(s != null && s.contains(a.buffer(), a.offset(2), a.length(2)) ? 1 : 0);
    }

    private static void smismember(Client c, Args a) {
        SetValue s = Values.readSet(c, a, 1);
        Reply r = c.out();
        r.array(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            r.integer(s != null && s.contains(a.buffer(), a.offset(i), a.length(i)) ? 1 : 0);
        }
    }

    private static void scard(Client c, Args a) {
        SetValue s = Values.readSet(c, a, 1);
        c.out().integer(s == null ? 0 : s.size());
    }

    private static List<byte[]> members(SetValue s) {
        List<byte[]> all = new ArrayList<>(s.size());
        s.forEach(all::add);
        return all;
    }

    private static void spop(Client c, Args a) {
        if (a.count() > 3) {
            throw CommandError.SYNTAX;
        }
        Reply r = c.out();
        if (a.count() == 2) {
            Entry e = Values.write(c, a, 1, SetValue.class);
            if (e == null) {
                r.nullBulk();
                return;
            }
            SetValue s = (SetValue) e.value();
            byte[] m = s.random();
            s.remove(m);
            c.db().removeIfEmpty(e);
            r.bulk(m);
            return;
        }
        long count = Values.positiveArg(a, 2);
        Entry e = Values.write(c, a, 1, SetValue.class);
        if (e == null || count == 0) {
            r.set(0);
            return;
        }
        SetValue s = (SetValue) e.value();
        if (count >= s.size()) {
            replyMembers(r, s);
            c.db().removeEntry(e);
            return;
        }
        List<byte[]> all = members(s);
        Collections.shuffle(all, ThreadLocalRandom.current());
        r.set(count);
        for (int i = 0; i < count; i++) {
            byte[] m = all.get(i);
            s.remove(m);
            r.bulk(m);
        }
    }

    private static void srandmember(Client c, Args a) {
        if (a.count() > 3) {
            throw CommandError.SYNTAX;
        }
        Reply r = c.out();
        if (a.count() == 2) {
            SetValue s = Values.readSet(c, a, 1);
            r.bulkOrNull(s == null ? null : s.random());
            return;
        }
        long count = Values.longArg(a, 2);
        if (count == Long.MIN_VALUE) {
            throw new CommandError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        }
        SetValue s = Values.readSet(c, a, 1);
        if (s == null || count == 0) {
            r.array(0);
            return;
        }
        if (count < 0) {
            r.array(-count);
            for (long i = 0; i < -count; i++) {
                r.bulk(s.random());
            }
            return;
        }
        if (count >= s.size()) {
            r.array(s.size());
            s.forEach(r::bulk);
            return;
        }
        List<byte[]> all = members(s);
        Collections.shuffle(all, ThreadLocalRandom.current());
        r.array(count);
        for (int i = 0; i < count; i++) {
            r.bulk(all.get(i));
        }
    }

    private static void smove(Client c, Args a) {
        Database db = c.db();
        Entry src = db.read(a.buffer(), a.offset(1), a.length(1));
        Entry dst = db.read(a.buffer(), a.offset(2), a.length(2));
        if (src == null) {
            c.out().integer(0);
            return;
        }
        SetValue from = Values.setValue(src);
        SetValue to = Values.setValue(dst);
        if (src == dst) {
            c.out().integer(from.contains(a.buffer(), a.offset(3), a.length(3)) ? 1 : 0);
            return;
        }
        if (!from.contains(a.buffer(), a.offset(3), a.length(3))) {
            c.out().integer(0);
            return;
        }
        db.mutating(src);
        from.remove(a.buffer(), a.offset(3), a.length(3));
        db.removeIfEmpty(src);
        if (to == null) {
            to = new SetValue(c.engine().keyspace().limits);
            to.add(a.bytes(3));
            db.add(a.bytes(2), to);
        } else {
            db.mutating(dst);
            to.add(a.bytes(3));
        }
        c.out().integer(1);
    }

    private static void sscan(Client c, Args a) {
        long cursor = KeyCommands.cursorArg(a, 2);
        KeyCommands.ScanOptions opts = KeyCommands.ScanOptions.parse(a, 3, false);
        SetValue s = Values.readSet(c, a, 1);
        List<byte[]> items = new ArrayList<>();
        long next = 0;
        if (s != null) {
            next = s.scan(cursor, opts.count(), m -> {
                if (opts.matches(m)) {
                    items.add(m);
                }
            });
        }
        KeyCommands.scanReply(c.out(), next, items);
    }
}

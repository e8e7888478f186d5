package dev.tidemark.kv.command;

import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.store.Database;
import dev.tidemark.kv.store.Entry;
import dev.tidemark.kv.store.HashValue;
import dev.tidemark.kv.store.ListValue;
import dev.tidemark.kv.store.LongDouble;
import dev.tidemark.kv.store.SetValue;
import java.math.BigDecimal;

/** Argument parsing and typed key lookups shared by every command family, with Redis's error replies. */
public final class Values {
    private Values() {
    }

    public static long longArg(Args a, int i) {
        if (!a.isLong(i)) {
            throw CommandError.NOT_INTEGER;
        }
        return a.toLong(i);
    }

    /** An integer argument that must fit a C int (counts, indices Redis reads with getRangeLong/int). */
    public static long longArg(Args a, int i, long min, long max, CommandError error) {
        long v = longArg(a, i);
        if (v < min || v > max) {
            throw error;
        }
        return v;
    }

    /** Redis's getPositiveLongFromObjectOrReply: any bad or negative value is "must be positive". */
    public static long positiveArg(Args a, int i) {
        if (!a.isLong(i) || a.toLong(i) < 0) {
            throw CommandError.NOT_POSITIVE;
        }
        return a.toLong(i);
    }

    public static BigDecimal longDoubleArg(Args a, int i, CommandError error) {
        BigDecimal v = LongDouble.parse(a.buffer(), a.offset(i), a.length(i));
        if (v == null) {
            throw error;
        }
        return v;
    }

    /** Redis's getDoubleFromObject: strtod over the whole argument, no spaces, no NaN. */
    public static double doubleArg(Args a, int i, CommandError error) {
        BigDecimal v = LongDouble.parse(a.buffer(), a.offset(i), a.length(i));
        if (v == null) {
            throw error;
        }
        if (v == LongDouble.INFINITE) {
            return a.buffer()[a.offset(i)] == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return v.doubleValue();
    }

    public static Entry read(Client c, Args a, int i) {
        Entry e = c.db().read(a.buffer(), a.offset(i), a.length(i));
        if (e == null) {
            c.engine().stats().keyspaceMisses++;
        } else {
            c.engine().stats().keyspaceHits++;
        }
        return e;
    }

    private static Object check(Entry e, Class<?> type) {
        if (e == null) {
            return null;
        }
        Object v = e.value();
        if (!type.isInstance(v)) {
            throw CommandError.WRONG_TYPE;
        }
        return v;
    }

    public static byte[] readString(Client c, Args a, int i) {
        return (byte[]) check(read(c, a, i), byte[].class);
    }

    public static ListValue readList(Client c, Args a, int i) {
        return (ListValue) check(read(c, a, i), ListValue.class);
    }

    public static HashValue readHash(Client c, Args a, int i) {
        return (HashValue) check(read(c, a, i), HashValue.class);
    }

    public static SetValue readSet(Client c, Args a, int i) {
        return (SetValue) check(read(c, a, i), SetValue.class);
    }

    /** The entry for a write, after checking its type (null when absent). */
    public static Entry write(Client c, Args a, int i, Class<?> type) {
        Database db = c.db();
        Entry e = db.read(a.buffer(), a.offset(i), a.length(i));
        if (e == null) {
            return null;
        }
        check(e, type);
        db.mutating(e);
        return e;
    }

    public static SetValue setValue(Entry e) {
        return e == null ? null : (SetValue) check(e, SetValue.class);
    }

    public static ListValue listValue(Entry e) {
        return e == null ? null : (ListValue) check(e, ListValue.class);
    }

    public static HashValue hashValue(Entry e) {
        return e == null ? null : (HashValue) check(e, HashValue.class);
    }

    /**
     * A blocking command's timeout in seconds (a float) as an absolute deadline in ms, 0 for none, with
     * Redis's errors.
     */
    public static long timeoutArg(Client c, Args a, int i) {
        BigDecimal v = LongDouble.parse(a.buffer(), a.offset(i), a.length(i));
        if (v == null || v == LongDouble.INFINITE) {
            throw new CommandError("ERR timeout is not a float or out of range");
        }
        if (v.signum() < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        BigDecimal ms = v.multiply(BigDecimal.valueOf(1000));
        if (ms.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            // Redis 7.0 converts the overflowing value to a negative long long and reports that
            throw new CommandError("ERR timeout is negative");
        }
        return ms.longValue();
    }

    /** Redis's conversion of a negative index (from the end) and clamping used by LRANGE, GETRANGE, LTRIM. */
    public static long[] range(long start, long end, long size) {
        if (start < 0) {
            start = size + start;
        }
        if (end < 0) {
            end = size + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (end >= size) {
            end = size - 1;
        }
        return new long[] {start, end};
    }

    /** A HELP reply: each line as a simple string, as Redis's addReplyHelp writes it. */
    public static void help(Client c, String... lines) {
        dev.tidemark.kv.protocol.Reply r = c.out();
        r.array(lines.length);
        for (String l : lines) {
            r.simple(l);
        }
    }
}

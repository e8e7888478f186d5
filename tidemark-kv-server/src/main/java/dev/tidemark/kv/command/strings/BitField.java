package dev.tidemark.kv.command.strings;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.Entry;
import java.util.ArrayList;
import java.util.List;

/** BITFIELD and BITFIELD_RO: GET, SET, INCRBY on signed/unsigned fields with WRAP, SAT or FAIL overflow. */
final class BitField {
    private static final int GET = 0;
    private static final int SET = 1;
    private static final int INCRBY = 2;
    private static final int WRAP = 0;
    private static final int SAT = 1;
    private static final int FAIL = 2;

    private record Op(int code, boolean signed, int bits, long offset, long value, int overflow) {
    }

    private BitField() {
    }

    static void run(Client c, Args a, boolean readOnlyCommand) {
        List<Op> ops = new ArrayList<>();
        int overflow = WRAP;
        boolean readOnly = true;
        long highestWrite = 0;
        for (int j = 2; j < a.count(); j++) {
            int remaining = a.count() - j - 1;
            int code;
            if (a.is(j, "get") && remaining >= 2) {
                code = GET;
            } else if (a.is(j, "set") && remaining >= 3) {
                code = SET;
            } else if (a.is(j, "incrby") && remaining >= 3) {
                code = INCRBY;
            } else if (a.is(j, "overflow") && remaining >= 1) {
                j++;
                if (a.is(j, "wrap")) {
                    overflow = WRAP;
                } else if (a.is(j, "sat")) {
                    overflow = SAT;
                } else if (a.is(j, "fail")) {
                    overflow = FAIL;
                } else {
                    throw new CommandError("ERR Invalid OVERFLOW type specified");
                }
                continue;
            } else {
                throw CommandError.SYNTAX;
            }
            String type = a.string(j + 1);
            boolean signed;
            int bits;
            CommandError badType = new CommandError("ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.");
            char t = type.isEmpty() ? ' ' : Character.toLowerCase(type.charAt(0));
            if (t != 'i' && t != 'u') {
                throw badType;
            }
            signed = t == 'i';
            try {
                bits = Integer.parseInt(type.substring(1));
            } catch (NumberFormatException e) {
                throw badType;
            }
            if ((signed && bits > 64) || (!signed && bits > 63) || bits < 1) {
                throw badType;
            }
            long offset = BitCommands.bitOffset(a, j + 2, bits);
            long value = 0;
            if (code != GET) {
                readOnly = false;
                highestWrite = Math.max(highestWrite, offset + bits - 1);
                value = Values.longArg(a, j + 3);
            }
            ops.add(new Op(code, signed, bits, offset, value, overflow));
            j += code == GET ? 2 : 3;
        }
        byte[] v;
        if (readOnly) {
            v = Values.readString(c, a, 1);
        } else {
            if (readOnlyCommand) {
                throw new CommandError("ERR BITFIELD_RO only supports the GET subcommand");
            }
            Entry e = BitCommands.stringForBits(c, a, highestWrite);
            v = (byte[]) e.value();
        }
        Reply r = c.out();
        r.array(ops.size());
        for (Op op : ops) {
            long old = read(v, op.offset, op.bits, op.signed);
            if (op.code == GET) {
                r.integer(old);
                continue;
            }
            long[] limit = new long[1];
            int status = op.code == SET
                ? (op.signed ? signedOverflow(op.value, 0, op.bits, op.overflow, limit) : unsignedOverflow(op.value, 0, op.bits, op.overflow, limit))
                : (op.signed ? signedOverflow(old, op.value, op.bits, op.overflow, limit) : unsignedOverflow(old, op.value, op.bits, op.overflow, limit));
            long newValue = op.code == SET ? op.value : old + op.value;
            if (status != 0) {
                if (op.overflow == FAIL) {
                    r.nullBulk();
                    continue;
                }
                newValue = limit[0];
            }
            write(v, op.offset, op.bits, newValue);
            r.integer(op.code == SET ? old : normalise(newValue, op.bits, op.signed));
        }
    }

    private static long normalise(long v, int bits, boolean signed) {
        if (bits == 64) {
            return v;
        }
        long mask = (1L << bits) - 1;
        long u = v & mask;
        if (signed && (u & (1L << (bits - 1))) != 0) {
            u |= ~mask;
        }
        return u;
    }

    static long read(byte[] v, long offset, int bits, boolean signed) {
        long value = 0;
        for (int i = 0; i < bits; i++) {
            long bit = offset + i;
            int index = (int) (bit >> 3);
            int b = v != null && index < v.length ? (v[index] >> (7 - (int) (bit & 7))) & 1 : 0;
            value = (value << 1) | b;
        }
        return normalise(value, bits, signed);
    }

    static void write(byte[] v, long offset, int bits, long value) {
        for (int i = 0; i < bits; i++) {
            long bit = offset + i;
            int index = (int) (bit >> 3);
            int mask = 1 << (7 - (int) (bit & 7));
            boolean on = ((value >>> (bits - 1 - i)) & 1) != 0;
            v[index] = (byte) (on ? v[index] | mask : v[index] & ~mask);
        }
    }

    /** Redis's checkUnsignedBitfieldOverflow: 1 overflow, -1 underflow, 0 fine; limit gets the wrapped/saturated value. */
    private static int unsignedOverflow(long value, long incr, int bits, int owtype, long[] limit) {
        long max = bits == 64 ? -1L : (1L << bits) - 1;
        long maxIncr = max - value;
        long minIncr = -value;
        if (Long.compareUnsigned(value, max) > 0 || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr)) {
            limit[0] = owtype == WRAP ? (value + incr) & max : max;
            return 1;
        } else if (incr < 0 && incr < minIncr) {
            limit[0] = owtype == WRAP ? (value + incr) & max : 0;
            return -1;
        }
        return 0;
    }

    private static int signedOverflow(long value, long incr, int bits, int owtype, long[] limit) {
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        long maxIncr = max - value;
        long minIncr = min - value;
        if (value > max || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr)) {
            limit[0] = owtype == WRAP ? wrap(value, incr, bits) : max;
            return 1;
        } else if (value < min || (bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr)) {
            limit[0] = owtype == WRAP ? wrap(value, incr, bits) : min;
            return -1;
        }
        return 0;
    }

    private static long wrap(long value, long incr, int bits) {
        long c = value + incr;
        if (bits < 64) {
            long mask = -1L << bits;
            long msb = 1L << (bits - 1);
            c = (c & msb) != 0 ? c | mask : c & ~mask;
        }
        return c;
    }
}

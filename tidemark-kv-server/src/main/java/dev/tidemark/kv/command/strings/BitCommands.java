package dev.tidemark.kv.command.strings;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.RespParser;
import dev.tidemark.kv.store.Database;
import dev.tidemark.kv.store.Entry;
import java.util.Arrays;
import java.util.List;

/** Bitmap commands on strings: SETBIT GETBIT BITCOUNT BITPOS BITOP, and BITFIELD in {@link BitField}. */
public final class BitCommands {
    private static final String B = "bitmap";
    static final CommandError BAD_OFFSET = new CommandError("ERR bit offset is not an integer or out of range");

    private BitCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
            of("setbit", 4, "write denyoom", 1, 1, 1, "@write @bitmap @slow", B, "Sets or clears the bit at offset in the string value stored at key", BitCommands::setbit),
            of("getbit", 3, "readonly fast", 1, 1, 1, "@read @bitmap @fast", B, "Returns the bit value at offset in the string value stored at key", BitCommands::getbit),
            of("bitcount", -2, "readonly", 1, 1, 1, "@read @bitmap @slow", B, "Count set bits in a string", BitCommands::bitcount),
            of("bitpos", -3, "readonly", 1, 1, 1, "@read @bitmap @slow", B, "Find first bit set or clear in a string", BitCommands::bitpos),
            of("bitop", -4, "write denyoom", 2, -1, 1, "@write @bitmap @slow", B, "Perform bitwise operations between strings", BitCommands::bitop),
            of("bitfield", -2, "write denyoom", 1, 1, 1, "@write @bitmap @slow", B, "Perform arbitrary bitfield integer operations on strings", (c, a) -> BitField.run(c, a, false)),
            of("bitfield_ro", -2, "readonly fast", 1, 1, 1, "@read @bitmap @fast", B, "Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD", (c, a) -> BitField.run(c, a, true)));
    }

    /** Redis's getBitOffsetFromArgument: non-negative, within proto-max-bulk-len bytes, "#n" = n * bits. */
    static long bitOffset(Args a, int i, int bits) {
        int off = a.offset(i);
        int len = a.length(i);
        boolean hash = bits > 0 && len > 0 && a.buffer()[off] == '#';
        if (hash) {
            off++;
            len--;
        }
        if (!dev.tidemark.kv.store.Bytes.isLong(a.buffer(), off, len)) {
            throw BAD_OFFSET;
        }
        long v = dev.tidemark.kv.store.Bytes.toLong(a.buffer(), off, len);
        if (hash) {
            v *= bits;
        }
        if (v < 0 || (v >> 3) >= RespParser.MAX_BULK_LENGTH) {
            throw BAD_OFFSET;
        }
        return v;
    }

    /** The string at key grown with zero bytes to hold bit maxBit, created if absent; the entry is for writing. */
    static Entry stringForBits(Client c, Args a, long maxBit) {
        Database db = c.db();
        int bytes = (int) (maxBit >> 3) + 1;
        Entry e = Values.write(c, a, 1, byte[].class);
        if (e == null) {
            e = db.add(a.bytes(1), new byte[bytes]);
        } else {
            byte[] v = (byte[]) e.value();
            db.replaceValue(e, v.length < bytes ? Arrays.copyOf(v, bytes) : v.clone());
        }
        db.markRawString(e);
        return e;
    }

    private static void setbit(Client c, Args a) {
        long offset = bitOffset(a, 2, 0);
        CommandError badBit = new CommandError("ERR bit is not an integer or out of range");
        if (!a.isLong(3) || (a.toLong(3) & ~1L) != 0) {
            throw badBit;
        }
        int on = (int) a.toLong(3);
        Entry e = stringForBits(c, a, offset);
        byte[] v = (byte[]) e.value();
        int index = (int) (offset >> 3);
        int mask = 1 << (7 - (int) (offset & 7));
        int old = (v[index] & mask) != 0 ? 1 : 0;
        v[index] = (byte) (on == 1 ? v[index] | mask : v[index] & ~mask);
        c.out().integer(old);
    }

    private static void getbit(Client c, Args a) {
        long offset = bitOffset(a, 2, 0);
        byte[] v = Values.readString(c, a, 1);
        int index = (int) (offset >> 3);
        if (v == null || index >= v.length) {
            c.out().integer(0);
            return;
        }
        c.out().integer((v[index] >> (7 - (int) (offset & 7))) & 1);
    }

    private static boolean bitAt(byte[] v, long bit) {
        return ((v[(int) (bit >> 3)] >> (7 - (int) (bit & 7))) & 1) != 0;
    }

    private static void bitcount(Client c, Args a) {
        byte[] v = Values.readString(c, a, 1);
        if (v == null) {
            c.out().integer(0);
            return;
        }
        long first;
        long last;
        if (a.count() == 4 || a.count() == 5) {
            long start = Values.longArg(a, 2);
            long end = Values.longArg(a, 3);
            boolean bitMode = false;
            if (a.count() == 5) {
                if (a.is(4, "bit")) {
                    bitMode = true;
                } else if (!a.is(4, "byte")) {
                    throw CommandError.SYNTAX;
                }
            }
            long total = bitMode ? (long) v.length * 8 : v.length;
            if (start < 0 && end < 0 && start > end) {
                c.out().integer(0);
                return;
            }
            if (start < 0) {
                start = total + start;
            }
            if (end < 0) {
                end = total + end;
            }
            if (start < 0) {
                start = 0;
            }
            if (end < 0) {
                end = 0;
            }
            if (end >= total) {
                end = total - 1;
            }
            if (start > end) {
                c.out().integer(0);
                return;
            }
            first = bitMode ? start : start * 8;
            last = bitMode ? end : end * 8 + 7;
        } else if (a.count() == 2) {
            first = 0;
            last = (long) v.length * 8 - 1;
        } else {
            throw CommandError.SYNTAX;
        }
        long count = 0;
        long bit = first;
        while (bit <= last && (bit & 7) != 0) {
            count += bitAt(v, bit++) ? 1 : 0;
        }
        while (bit + 7 <= last) {
            count += Integer.bitCount(v[(int) (bit >> 3)] & 0xff);
            bit += 8;
        }
        while (bit <= last) {
            count += bitAt(v, bit++) ? 1 : 0;
        }
        c.out().integer(count);
    }

    private static void bitpos(Client c, Args a) {
        long bitArg = Values.longArg(a, 2);
        if (bitArg != 0 && bitArg != 1) {
            throw new CommandError("ERR The bit argument must be 1 or 0.");
        }
        boolean want = bitArg == 1;
        Entry e = Values.read(c, a, 1);
        if (e == null) {
            c.out().integer(want ? -1 : 0);
            return;
        }
        if (!(e.value() instanceof byte[] v)) {
            throw CommandError.WRONG_TYPE;
        }
        long start;
        long end;
        boolean endGiven = false;
        boolean bitMode = false;
        if (a.count() >= 4 && a.count() <= 6) {
            long total = v.length;
            start = Values.longArg(a, 3);
            if (a.count() == 6) {
                if (a.is(5, "bit")) {
                    bitMode = true;
                } else if (!a.is(5, "byte")) {
                    throw CommandError.SYNTAX;
                }
            }
            if (a.count() >= 5) {
                end = Values.longArg(a, 4);
                endGiven = true;
            } else {
                end = bitMode ? total * 8 + 7 : total - 1;
            }
            if (bitMode) {
                total *= 8;
            }
            if (start < 0) {
                start = total + start;
            }
            if (end < 0) {
                end = total + end;
            }
            if (start < 0) {
                start = 0;
            }
            if (end < 0) {
                end = 0;
            }
            if (end >= total) {
                end = total - 1;
            }
        } else if (a.count() == 3) {
            start = 0;
            end = v.length - 1L;
        } else {
            throw CommandError.SYNTAX;
        }
        if (start > end) {
            c.out().integer(-1);
            return;
        }
        long first = bitMode ? start : start * 8;
        long last = bitMode ? end : end * 8 + 7;
        byte skip = want ? 0 : (byte) 0xff;
        long bit = first;
        while (bit <= last) {
            if ((bit & 7) == 0 && bit + 7 <= last && v[(int) (bit >> 3)] == skip) {
                bit += 8;
                continue;
            }
            if (bitAt(v, bit) == want) {
                c.out().integer(bit);
                return;
            }
            bit++;
        }
        // no match: looking for a clear bit without an explicit end, the string continues with zeros
        c.out().integer(!want && !endGiven ? (bitMode ? (last / 8 + 1) * 8 : last + 1) : -1);
    }

    private static void bitop(Client c, Args a) {
        int op;
        if (a.is(1, "and")) {
            op = 0;
        } else if (a.is(1, "or")) {
            op = 1;
        } else if (a.is(1, "xor")) {
            op = 2;
        } else if (a.is(1, "not")) {
            op = 3;
        } else {
            throw CommandError.SYNTAX;
        }
        int sources = a.count() - 3;
        if (op == 3 && sources != 1) {
            throw new CommandError("ERR BITOP NOT must be called with a single source key.");
        }
        byte[][] inputs = new byte[sources][];
        int maxLen = 0;
        for (int i = 0; i < sources; i++) {
            byte[] v = Values.readString(c, a, 3 + i);
            inputs[i] = v == null ? new byte[0] : v;
            maxLen = Math.max(maxLen, inputs[i].length);
        }
        byte[] out = new byte[maxLen];
        for (int k = 0; k < maxLen; k++) {
            int acc = k < inputs[0].length ? inputs[0][k] & 0xff : 0;
            if (op == 3) {
                acc = ~acc & 0xff;
            }
            for (int i = 1; i < sources; i++) {
                int b = k < inputs[i].length ? inputs[i][k] & 0xff : 0;
                acc = op == 0 ? acc & b : op == 1 ? acc | b : acc ^ b;
            }
            out[k] = (byte) acc;
        }
        Database db = c.db();
        if (maxLen == 0) {
            db.delete(a.buffer(), a.offset(2), a.length(2));
        } else {
            Entry e = db.set(a.buffer(), a.offset(2), a.length(2), out, false);
            db.markRawString(e);
        }
        c.out().integer(maxLen);
    }
}

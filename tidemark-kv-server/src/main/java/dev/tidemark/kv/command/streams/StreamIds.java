package dev.tidemark.kv.command.streams;

import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.store.Bytes;
import dev.tidemark.kv.store.StreamId;

/**
 * Stream IDs as commands take them, parsed exactly as Redis's streamGenericParseIDOrReply: "ms-seq" or "ms"
 * (the sequence then defaults), "-" and "+" where allowed, "(" for exclusive range bounds, "ms-*" in XADD. Each
 * number is read as Redis's string2ull reads it, strtoull's leniency included (" 5", "+5" and "-1", which wraps).
 */
final class StreamIds {
    static final CommandError INVALID = new CommandError("ERR Invalid stream ID specified as stream command argument");
    private static final int MAX_LENGTH = 127;

    /** An ID given to XADD; seqGiven is false for "ms-*". */
    record AddId(StreamId id, boolean seqGiven) {
    }

    private StreamIds() {
    }

    /** An ID where "-" and "+" are not accepted. */
    static StreamId strict(Args a, int i) {
        return parse(a.buffer(), a.offset(i), a.length(i), 0, true, null);
    }

    /** An ID where "-" is 0-0 and "+" the largest ID; a missing sequence is missingSeq. */
    static StreamId lenient(Args a, int i, long missingSeq) {
        return parse(a.buffer(), a.offset(i), a.length(i), missingSeq, false, null);
    }

    static AddId forAdd(Args a, int i) {
        boolean[] seqGiven = {true};
        StreamId id = parse(a.buffer(), a.offset(i), a.length(i), 0, true, seqGiven);
        return new AddId(id, seqGiven[0]);
    }

    /** The start of a range: inclusive, or after the ID when it begins with "(". */
    static StreamId rangeStart(Args a, int i) {
        if (a.length(i) > 1 && a.buffer()[a.offset(i)] == '(') {
            StreamId id = parse(a.buffer(), a.offset(i) + 1, a.length(i) - 1, 0, true, null).next();
            if (id == null) {
                throw new CommandError("ERR invalid start ID for the interval");
            }
            return id;
        }
        return lenient(a, i, 0);
    }

    /** The end of a range: inclusive (a missing sequence is the largest), or before the ID after "(". */
    static StreamId rangeEnd(Args a, int i) {
        if (a.length(i) > 1 && a.buffer()[a.offset(i)] == '(') {
            StreamId id = parse(a.buffer(), a.offset(i) + 1, a.length(i) - 1, -1L, true, null).previous();
            if (id == null) {
                throw new CommandError("ERR invalid end ID for the interval");
            }
            return id;
        }
        return lenient(a, i, -1L);
    }

    private static StreamId parse(byte[] b, int off, int len, long missingSeq, boolean strict, boolean[] seqGiven) {
        if (len > MAX_LENGTH) {
            throw INVALID;
        }
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++; // Redis reads the argument as a C string
        }
        if (end - off == 1 && (b[off] == '-' || b[off] == '+')) {
            if (strict) {
                throw INVALID;
            }
            return b[off] == '-' ? StreamId.MIN : StreamId.MAX;
        }
        int dash = off;
        while (dash < end && b[dash] != '-') {
            dash++;
        }
        long ms = unsigned(b, off, dash - off);
        long seq = missingSeq;
        if (dash < end) {
            int from = dash + 1;
            if (seqGiven != null && end - from == 1 && b[from] == '*') {
                seq = 0;
                seqGiven[0] = false;
            } else {
                seq = unsigned(b, from, end - from);
            }
        }
        return new StreamId(ms, seq);
    }

    /** Redis's string2ull: a strict decimal, or else whatever strtoull accepts whole. */
    private static long unsigned(byte[] b, int off, int len) {
        if (Bytes.isLong(b, off, len)) {
            long v = Bytes.toLong(b, off, len);
            if (v < 0) {
                throw INVALID;
            }
            return v;
        }
        int i = off;
        int end = off + len;
        while (i < end && isSpace(b[i])) {
            i++;
        }
        boolean negative = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        int digits = i;
        long v = 0;
        long limit = Long.divideUnsigned(-1L, 10);
        for (; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
            int d = b[i] - '0';
            if (Long.compareUnsigned(v, limit) > 0 || Long.compareUnsigned(v * 10, -1L - d) > 0) {
                throw INVALID;
            }
            v = v * 10 + d;
        }
        if (i == digits || i != end) {
            throw INVALID;
        }
        return negative ? -v : v;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** The "ms-seq" text of an ID, unsigned. */
    static byte[] text(long ms, long seq) {
        byte[] buf = new byte[41];
        int pos = digits(buf, buf.length, seq);
        buf[--pos] = '-';
        pos = digits(buf, pos, ms);
        return java.util.Arrays.copyOfRange(buf, pos, buf.length);
    }

    private static int digits(byte[] buf, int pos, long v) {
        do {
            buf[--pos] = (byte) ('0' + Long.remainderUnsigned(v, 10));
            v = Long.divideUnsigned(v, 10);
        } while (v != 0);
        return pos;
    }

    static byte[] text(StreamId id) {
        return text(id.ms(), id.seq());
    }
}

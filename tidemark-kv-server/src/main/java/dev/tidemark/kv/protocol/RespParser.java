package dev.tidemark.kv.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Incremental parser of RESP multibulk and inline (telnet-style) commands, byte for byte as Redis's
 * processMultibulkBuffer and processInlineBuffer accept and reject them. Input is copied once into a reused
 * array; the arguments of a command are offsets into it. A partly received command keeps its parse state, so
 * a large or many-argument command arriving in pieces is scanned once.
 */
public final class RespParser {
    /** Redis's proto-max-bulk-len default: 512 MB. */
    public static final long MAX_BULK_LENGTH = 512L * 1024 * 1024;
    /** Redis's PROTO_INLINE_MAX_SIZE: 64 KB for an inline line or a length header. */
    public static final int MAX_INLINE = 64 * 1024;
    private static final int INITIAL = 16 * 1024;

    private byte[] in = new byte[INITIAL];
    private int readPos;
    private int writePos;

    /** Multibulk state: bulks still to read (0 = between commands) and where to continue scanning. */
    private int pendingBulks;
    private int scanPos;
    private final Args args = new Args();
    private byte[] inlineScratch = new byte[256];

    public void append(ByteBuf data) {
        int n = data.readableBytes();
        ensureRoom(n);
        data.readBytes(in, writePos, n);
        writePos += n;
    }

    public void append(byte[] data, int off, int len) {
        ensureRoom(len);
        System.arraycopy(data, off, in, writePos, len);
        writePos += len;
    }

    public boolean hasBufferedInput() {
        return writePos > readPos;
    }

    public int bufferedBytes() {
        return writePos - readPos;
    }

    public int capacity() {
        return in.length;
    }

    private void ensureRoom(int n) {
        if (writePos + n <= in.length) {
            return;
        }
        int live = writePos - readPos;
        if (readPos > 0) {
            System.arraycopy(in, readPos, in, 0, live);
            shiftArgs(readPos);
            scanPos -= readPos;
            readPos = 0;
            writePos = live;
        }
        if (live + n > in.length) {
            long wanted = Math.max((long) in.length * 2, (long) live + n);
            byte[] grown = new byte[(int) Math.min(wanted, Integer.MAX_VALUE - 16)];
            System.arraycopy(in, 0, grown, 0, live);
            in = grown;
        }
    }

    private void shiftArgs(int by) {
        if (pendingBulks > 0) {
            for (int i = 0; i < args.count; i++) {
                args.offsets[i] -= by;
            }
        }
    }

    /** Lets a large buffer go once the connection is idle, so one big command does not pin memory. */
    public void releaseIfIdle() {
        if (readPos == writePos && pendingBulks == 0) {
            readPos = 0;
            writePos = 0;
            scanPos = 0;
            if (in.length > 1024 * 1024) {
                in = new byte[INITIAL];
            }
        }
    }

    /**
     * The next complete command, or null when more input is needed. Empty commands ({@code *0}, blank lines)
     * are skipped. Throws with Redis's message for malformed input.
     */
    public Args next() throws ProtocolException {
        while (readPos < writePos || pendingBulks > 0) {
            if (pendingBulks == 0) {
                if (in[readPos] == '*') {
                    int r = startMultibulk();
                    if (r < 0) {
                        return null;
                    }
                    if (r == 0) {
                        continue; // empty multibulk
                    }
                } else {
                    int r = inline();
                    if (r < 0) {
                        return null;
                    }
                    if (r == 0) {
                        continue;
                    }
                    return args;
                }
            }
            if (!readBulks()) {
                return null;
            }
            readPos = scanPos;
            return args;
        }
        return null;
    }

    private int indexOf(byte b, int from) {
        for (int i = from; i < writePos; i++) {
            if (in[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** -1: incomplete, 0: empty command consumed, 1: header read and bulks pending. */
    private int startMultibulk() throws ProtocolException {
        int cr = indexOf((byte) '\r', readPos);
        if (cr < 0) {
            if (writePos - readPos > MAX_INLINE) {
                throw new ProtocolException("ERR Protocol error: too big mbulk count string");
            }
            return -1;
        }
        if (cr + 1 >= writePos) {
            return -1; // the '\n' is not here yet
        }
        long n = parseLength(readPos + 1, cr);
        if (n == Long.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new ProtocolException("ERR Protocol error: invalid multibulk length");
        }
        if (n <= 0) {
            readPos = cr + 2;
            return 0;
        }
        args.reset(in);
        args.ensureCapacity((int) Math.min(n, 1024));
        pendingBulks = (int) n;
        scanPos = cr + 2;
        return 1;
    }

    private boolean readBulks() throws ProtocolException {
        args.buf = in;
        while (pendingBulks > 0) {
            if (scanPos >= writePos) {
                return false;
            }
            int cr = indexOf((byte) '\r', scanPos);
            if (cr < 0) {
                if (writePos - scanPos > MAX_INLINE) {
                    throw new ProtocolException("ERR Protocol error: too big bulk count string");
                }
                return false;
            }
            if (cr + 1 >= writePos) {
                return false;
            }
            if (in[scanPos] != '$') {
                throw new ProtocolException("ERR Protocol error: expected '$', got '" + (char) (in[scanPos] & 0xff) + "'");
            }
            long len = parseLength(scanPos + 1, cr);
            if (len == Long.MIN_VALUE || len < 0 || len > MAX_BULK_LENGTH) {
                throw new ProtocolException("ERR Protocol error: invalid bulk length");
            }
            long end = (long) cr + 2 + len + 2;
            if (end > writePos) {
                ensureRoom((int) (end - writePos)); // one allocation for a large bulk instead of doublings
                return false;
            }
            args.add(cr + 2, (int) len);
            scanPos = (int) end;
            pendingBulks--;
        }
        return true;
    }

    /** Redis's string2ll over in[from, to); Long.MIN_VALUE when it is not a number. */
    private long parseLength(int from, int to) {
        int len = to - from;
        if (!dev.tidemark.kv.store.Bytes.isLong(in, from, len)) {
            return Long.MIN_VALUE;
        }
        return dev.tidemark.kv.store.Bytes.toLong(in, from, len);
    }

    /** -1: incomplete, 0: blank line consumed, 1: command in args. */
    private int inline() throws ProtocolException {
        int nl = indexOf((byte) '\n', readPos);
        if (nl < 0) {
            if (writePos - readPos > MAX_INLINE) {
                throw new ProtocolException("ERR Protocol error: too big inline request");
            }
            return -1;
        }
        int end = nl > readPos && in[nl - 1] == '\r' ? nl - 1 : nl;
        int start = readPos;
        readPos = nl + 1;
        if (!splitInline(start, end)) {
            throw new ProtocolException("ERR Protocol error: unbalanced quotes in request");
        }
        return args.count == 0 ? 0 : 1;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        c |= 0x20;
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    /** Redis's sdssplitargs: whitespace-separated words, "double quotes" with escapes, 'single quotes'. */
    private boolean splitInline(int start, int end) {
        if (inlineScratch.length < end - start) {
            inlineScratch = new byte[end - start];
        }
        byte[] out = inlineScratch;
        args.reset(out);
        int w = 0;
        int p = start;
        while (true) {
            while (p < end && isSpace(in[p])) {
                p++;
            }
            if (p >= end) {
                return true;
            }
            int argStart = w;
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                int c = p < end ? in[p] & 0xff : -1;
                if (inDouble) {
                    if (c < 0) {
                        return false;
                    }
                    if (c == '\\' && p + 3 < end && in[p + 1] == 'x' && hexValue(in[p + 2]) >= 0 && hexValue(in[p + 3]) >= 0) {
                        out[w++] = (byte) (hexValue(in[p + 2]) * 16 + hexValue(in[p + 3]));
                        p += 3;
                    } else if (c == '\\' && p + 1 < end) {
                        p++;
                        int e = in[p];
                        out[w++] = (byte) switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> e;
                        };
                    } else if (c == '"') {
                        if (p + 1 < end && !isSpace(in[p + 1])) {
                            return false;
                        }
                        done = true;
                    } else {
                        out[w++] = (byte) c;
                    }
                } else if (inSingle) {
                    if (c < 0) {
                        return false;
                    }
                    if (c == '\\' && p + 1 < end && in[p + 1] == '\'') {
                        p++;
                        out[w++] = '\'';
                    } else if (c == '\'') {
                        if (p + 1 < end && !isSpace(in[p + 1])) {
                            return false;
                        }
                        done = true;
                    } else {
                        out[w++] = (byte) c;
                    }
                } else {
                    if (c < 0 || isSpace(c)) {
                        done = true;
                    } else if (c == '"') {
                        inDouble = true;
                    } else if (c == '\'') {
                        inSingle = true;
                    } else {
                        out[w++] = (byte) c;
                    }
                }
                if (p < end) {
                    p++;
                }
            }
            args.add(argStart, w - argStart);
        }
    }
}

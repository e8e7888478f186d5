package dev.tidemark.kv.protocol;

import dev.tidemark.kv.store.Bytes;
import java.util.Arrays;

/**
 * The arguments of one command as slices of a buffer: the parser fills offsets into its input buffer, so no
 * argument is copied until a command stores it. Valid only while the command runs; {@link #copy()} makes an
 * independent one (for MULTI queues and blocked clients).
 */
public final class Args {
    byte[] buf;
    int[] offsets = new int[16];
    int[] lengths = new int[16];
    int count;

    public int count() {
        return count;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset(int i) {
        return offsets[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    /** A fresh array holding argument i. */
    public byte[] bytes(int i) {
        return Bytes.copy(buf, offsets[i], lengths[i]);
    }

    public String string(int i) {
        return new String(buf, offsets[i], lengths[i], java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Whether argument i equals the lower-case ASCII word, ignoring case. */
    public boolean is(int i, String lowerWord) {
        int len = lengths[i];
        if (len != lowerWord.length()) {
            return false;
        }
        int off = offsets[i];
        for (int k = 0; k < len; k++) {
            int c = buf[off + k];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lowerWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    public boolean isLong(int i) {
        return Bytes.isLong(buf, offsets[i], lengths[i]);
    }

    public long toLong(int i) {
        return Bytes.toLong(buf, offsets[i], lengths[i]);
    }

    void reset(byte[] buffer) {
        this.buf = buffer;
        this.count = 0;
    }

    void add(int offset, int length) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        offsets[count] = offset;
        lengths[count] = length;
        count++;
    }

    void ensureCapacity(int n) {
        if (offsets.length < n) {
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
        }
    }

    /** An independent copy whose buffer holds only these arguments. */
    public Args copy() {
        Args c = new Args();
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += lengths[i];
        }
        c.buf = new byte[total];
        c.ensureCapacity(count);
        int at = 0;
        for (int i = 0; i < count; i++) {
            System.arraycopy(buf, offsets[i], c.buf, at, lengths[i]);
            c.offsets[i] = at;
            c.lengths[i] = lengths[i];
            at += lengths[i];
        }
        c.count = count;
        return c;
    }

    /** Arguments made from strings (for commands the server issues itself and for tests). */
    public static Args of(byte[]... parts) {
        Args a = new Args();
        int total = 0;
        for (byte[] p : parts) {
            total += p.length;
        }
        a.buf = new byte[total];
        a.ensureCapacity(parts.length);
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, a.buf, at, p.length);
            a.add(at, p.length);
            at += p.length;
        }
        return a;
    }
}

package dev.tidemark.kv.store;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Byte-array helpers shared by the keyspace, the value types and the commands: hashing, equality, numbers. */
public final class Bytes {
    /** Per-process seed so that an attacker cannot pick keys that collide in every run (hash flooding). */
    private static final int SEED = ThreadLocalRandom.current().nextInt() | 1;
    public static final byte[] EMPTY = new byte[0];

    private Bytes() {
    }

    public static int hash(byte[] b, int off, int len) {
        int h = SEED ^ len;
        int end = off + len;
        for (int i = off; i < end; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    public static int hash(byte[] b) {
        return hash(b, 0, b.length);
    }

    public static boolean equals(byte[] a, byte[] b, int off, int len) {
        if (a.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (a[i] != b[off + i]) {
                return false;
            }
        }
        return true;
    }

    public static byte[] copy(byte[] b, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, off, out, 0, len);
        return out;
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static String string(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    public static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }

    /**
     * Whether the bytes are a decimal integer exactly as Redis's string2ll accepts it: no '+', no spaces, no
     * leading zeros (except "0"), no "-0", within the range of a signed 64-bit integer.
     */
    public static boolean isLong(byte[] b, int off, int len) {
        if (len == 0 || len > 20) {
            return false;
        }
        if (len == 1 && b[off] == '0') {
            return true;
        }
        int i = off;
        int end = off + len;
        boolean negative = b[i] == '-';
        if (negative && ++i == end) {
            return false;
        }
        if (b[i] < '1' || b[i] > '9') {
            return false;
        }
        long v = 0; // accumulated negatively so that Long.MIN_VALUE fits
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || v < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            v = v * 10 - d;
        }
        return negative || v != Long.MIN_VALUE;
    }

    /** The value of bytes for which {@link #isLong} is true. */
    public static long toLong(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long v = 0;
        for (; i < end; i++) {
            v = v * 10 - (b[i] - '0');
        }
        return negative ? v : -v;
    }

    public static boolean isLong(byte[] b) {
        return isLong(b, 0, b.length);
    }

    public static long toLong(byte[] b) {
        return toLong(b, 0, b.length);
    }

    /** Digits of a long into a fresh array (values are stored as their decimal text, like Redis replies them). */
    public static byte[] longBytes(long v) {
        if (v >= 0 && v < SMALL.length) {
            return SMALL[(int) v].clone();
        }
        return ascii(Long.toString(v));
    }

    private static final byte[][] SMALL = new byte[10000][];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = ascii(Integer.toString(i));
        }
    }

    /** Number of decimal characters of v, sign included. */
    public static int digits(long v) {
        if (v == Long.MIN_VALUE) {
            return 20;
        }
        int n = 1;
        if (v < 0) {
            n++;
            v = -v;
        }
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }
}

package dev.tidemark.kv.store;

/**
 * How many bytes an element takes in a Redis listpack. Redis decides when a stream node is full from its
 * listpack's byte size, so the built-in store counts the same bytes to split nodes where Redis does.
 */
final class ListpackSizes {
    /** The listpack header (total bytes, element count) and its end marker. */
    static final int EMPTY = 7;

    private ListpackSizes() {
    }

    /** An integer element: its encoding plus the back-length byte. */
    static int ofInteger(long v) {
        int encoded;
        if (v >= 0 && v <= 127) {
            encoded = 1;
        } else if (v >= -4096 && v <= 4095) {
            encoded = 2;
        } else if (v >= -32768 && v <= 32767) {
            encoded = 3;
        } else if (v >= -8388608 && v <= 8388607) {
            encoded = 4;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            encoded = 5;
        } else {
            encoded = 9;
        }
        return encoded + 1;
    }

    /** A string element: stored as an integer when it is the canonical decimal form of one. */
    static long ofString(byte[] b, int off, int len) {
        if (Bytes.isLong(b, off, len)) {
            return ofInteger(Bytes.toLong(b, off, len));
        }
        long encoded = len < 64 ? 1 + len : len < 4096 ? 2 + len : 5L + len;
        return encoded + backLength(encoded);
    }

    static long ofString(byte[] b) {
        return ofString(b, 0, b.length);
    }

    private static int backLength(long encoded) {
        if (encoded <= 127) {
            return 1;
        }
        if (encoded < 16383) {
            return 2;
        }
        if (encoded < 2097151) {
            return 3;
        }
        return encoded < 268435455 ? 4 : 5;
    }
}

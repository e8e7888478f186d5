package dev.tidemark.kv.store;

import java.util.Arrays;

/**
 * A run of consecutive stream entries, the equivalent of one listpack in Redis's radix tree: the fields of its
 * first entry are kept once as the node's master fields, and entries with exactly those fields store only their
 * values. Entries live in one byte array (length-prefixed fields and values) with their IDs in a long array, so
 * an entry costs little more than its bytes. Deleted entries stay as tombstones until the whole node goes, as in
 * Redis, and {@link #listpackBytes()} counts what Redis's listpack would take, so that nodes fill and split, and
 * approximate trimming removes them, at the same entries as in Redis.
 */
final class StreamNode {
    static final byte DELETED = 1;
    static final byte SAME_FIELDS = 2;

    final long masterMs;
    final long masterSeq;
    private final byte[][] masterFields;
    private final long masterBytes;
    private long[] ids;
    private byte[] flags;
    private int[] starts;
    private byte[] data;
    private int dataLength;
    private long entryBytes;
    /** Entries, tombstones included. */
    int size;
    int live;
    int deleted;

    StreamNode(long ms, long seq, byte[][] fieldsAndValues) {
        masterMs = ms;
        masterSeq = seq;
        int n = fieldsAndValues.length / 2;
        masterFields = new byte[n][];
        long bytes = ListpackSizes.EMPTY + ListpackSizes.ofInteger(n) + ListpackSizes.ofInteger(0);
        for (int k = 0; k < n; k++) {
            masterFields[k] = fieldsAndValues[2 * k];
            bytes += ListpackSizes.ofString(masterFields[k]);
        }
        masterBytes = bytes;
        ids = new long[8];
        flags = new byte[4];
        starts = new int[4];
        data = new byte[64];
    }

    private StreamNode(StreamNode o) {
        masterMs = o.masterMs;
        masterSeq = o.masterSeq;
        masterFields = o.masterFields;
        masterBytes = o.masterBytes;
        ids = Arrays.copyOf(o.ids, o.size * 2);
        flags = Arrays.copyOf(o.flags, o.size);
        starts = Arrays.copyOf(o.starts, o.size);
        data = Arrays.copyOf(o.data, o.dataLength);
        dataLength = o.dataLength;
        entryBytes = o.entryBytes;
        size = o.size;
        live = o.live;
        deleted = o.deleted;
    }

    StreamNode copy() {
        return new StreamNode(this);
    }

    /** The size of Redis's listpack for this node, which decides when a new node starts. */
    long listpackBytes() {
        return masterBytes + ListpackSizes.ofInteger(live) + ListpackSizes.ofInteger(deleted) + entryBytes;
    }

    private boolean hasMasterFields(byte[][] fieldsAndValues) {
        if (fieldsAndValues.length != masterFields.length * 2) {
            return false;
        }
        for (int k = 0; k < masterFields.length; k++) {
            if (!Arrays.equals(masterFields[k], fieldsAndValues[2 * k])) {
                return false;
            }
        }
        return true;
    }

    void append(long ms, long seq, byte[][] fieldsAndValues) {
        int n = fieldsAndValues.length / 2;
        boolean same = hasMasterFields(fieldsAndValues);
        if (size == flags.length) {
            int capacity = size * 2;
            ids = Arrays.copyOf(ids, capacity * 2);
            flags = Arrays.copyOf(flags, capacity);
            starts = Arrays.copyOf(starts, capacity);
        }
        ids[2 * size] = ms;
        ids[2 * size + 1] = seq;
        flags[size] = same ? SAME_FIELDS : 0;
        starts[size] = dataLength;
        long bytes = ListpackSizes.ofInteger(flags[size]) + ListpackSizes.ofInteger(ms - masterMs)
            + ListpackSizes.ofInteger(seq - masterSeq);
        if (!same) {
            writeLength(n);
            bytes += ListpackSizes.ofInteger(n);
        }
        for (int k = 0; k < n; k++) {
            if (!same) {
                writeBytes(fieldsAndValues[2 * k]);
                bytes += ListpackSizes.ofString(fieldsAndValues[2 * k]);
            }
            writeBytes(fieldsAndValues[2 * k + 1]);
            bytes += ListpackSizes.ofString(fieldsAndValues[2 * k + 1]);
        }
        int pieces = n + 3 + (same ? 0 : n + 1);
        entryBytes += bytes + ListpackSizes.ofInteger(pieces);
        size++;
        live++;
    }

    /** Gives back the spare capacity once no entry will be appended any more. */
    void trimToSize() {
        ids = Arrays.copyOf(ids, size * 2);
        flags = Arrays.copyOf(flags, size);
        starts = Arrays.copyOf(starts, size);
        data = Arrays.copyOf(data, dataLength);
    }

    private void writeLength(int v) {
        ensureData(5);
        while ((v & ~0x7f) != 0) {
            data[dataLength++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        data[dataLength++] = (byte) v;
    }

    private void writeBytes(byte[] b) {
        writeLength(b.length);
        ensureData(b.length);
        System.arraycopy(b, 0, data, dataLength, b.length);
        dataLength += b.length;
    }

    private void ensureData(int more) {
        if (dataLength + more > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + more));
        }
    }

    long ms(int i) {
        return ids[2 * i];
    }

    long seq(int i) {
        return ids[2 * i + 1];
    }

    boolean isDeleted(int i) {
        return (flags[i] & DELETED) != 0;
    }

    void markDeleted(int i) {
        flags[i] |= DELETED;
        live--;
        deleted++;
    }

    /** The first position whose ID is at least ms-seq (size when there is none). */
    int lowerBound(long ms, long seq) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (StreamId.compare(ids[2 * mid], ids[2 * mid + 1], ms, seq) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The position of the entry with exactly this ID, tombstone or not, or -1. */
    int indexOf(long ms, long seq) {
        int i = lowerBound(ms, seq);
        return i < size && ids[2 * i] == ms && ids[2 * i + 1] == seq ? i : -1;
    }

    int fieldCount(int i) {
        if ((flags[i] & SAME_FIELDS) != 0) {
            return masterFields.length;
        }
        return readLength(starts[i]);
    }

    /** Hands over field, value, field, value... of entry i as slices of the node's storage. */
    void fields(int i, StreamValue.Slices out) {
        int pos = starts[i];
        boolean same = (flags[i] & SAME_FIELDS) != 0;
        int n;
        if (same) {
            n = masterFields.length;
        } else {
            n = readLength(pos);
            pos = skipLength(pos);
        }
        for (int k = 0; k < n; k++) {
            if (same) {
                out.slice(masterFields[k], 0, masterFields[k].length);
            } else {
                int len = readLength(pos);
                pos = skipLength(pos);
                out.slice(data, pos, len);
                pos += len;
            }
            int len = readLength(pos);
            pos = skipLength(pos);
            out.slice(data, pos, len);
            pos += len;
        }
    }

    private int readLength(int pos) {
        int v = 0;
        int shift = 0;
        int b;
        do {
            b = data[pos++];
            v |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return v;
    }

    private int skipLength(int pos) {
        while ((data[pos] & 0x80) != 0) {
            pos++;
        }
        return pos + 1;
    }
}

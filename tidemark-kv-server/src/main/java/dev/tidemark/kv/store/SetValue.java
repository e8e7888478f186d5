package dev.tidemark.kv.store;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A set of byte strings. While every member is an integer and there are at most 512, a sorted long array
 * (Redis's intset, which is why such sets list in ascending order); otherwise a hash table, never converted
 * back, as in Redis 7.0.
 */
public final class SetValue {

    private long[] ints = new long[4];
    private int intCount;
    private BytesTable<BytesTable.Node> table;
    private final EncodingLimits limits;

    public SetValue(EncodingLimits limits) {
        this.limits = limits;
    }

    public boolean isIntSet() {
        return table == null;
    }

    public int size() {
        return table == null ? intCount : table.size();
    }

    public boolean contains(byte[] m, int off, int len) {
        if (table == null) {
            return Bytes.isLong(m, off, len) && Arrays.binarySearch(ints, 0, intCount, Bytes.toLong(m, off, len)) >= 0;
        }
        return table.get(m, off, len) != null;
    }

    public boolean contains(byte[] m) {
        return contains(m, 0, m.length);
    }

    /** Adds a member (the array becomes owned by the set when stored); true when it was not there. */
    public boolean add(byte[] m) {
        if (table == null) {
            if (Bytes.isLong(m)) {
                long v = Bytes.toLong(m);
                int at = Arrays.binarySearch(ints, 0, intCount, v);
                if (at >= 0) {
                    return false;
                }
                if (intCount < limits.intsetMaxEntries) {
                    int pos = -at - 1;
                    if (intCount == ints.length) {
                        ints = Arrays.copyOf(ints, intCount * 2);
                    }
                    System.arraycopy(ints, pos, ints, pos + 1, intCount - pos);
                    ints[pos] = v;
                    intCount++;
                    return true;
                }
            }
            toTable();
        }
        if (table.get(m) != null) {
            return false;
        }
        table.insert(new BytesTable.Node(m));
        return true;
    }

    private void toTable() {
        table = new BytesTable<>();
        for (int i = 0; i < intCount; i++) {
            table.insert(new BytesTable.Node(Bytes.longBytes(ints[i])));
        }
        ints = null;
        intCount = 0;
    }

    public boolean remove(byte[] m, int off, int len) {
        if (table == null) {
            if (!Bytes.isLong(m, off, len)) {
                return false;
            }
            int at = Arrays.binarySearch(ints, 0, intCount, Bytes.toLong(m, off, len));
            if (at < 0) {
                return false;
            }
            System.arraycopy(ints, at + 1, ints, at, intCount - at - 1);
            intCount--;
            return true;
        }
        return table.remove(m, off, len) != null;
    }

    public boolean remove(byte[] m) {
        return remove(m, 0, m.length);
    }

    /** Every member, ascending for an intset. */
    public void forEach(Consumer<byte[]> visitor) {
        if (table == null) {
            for (int i = 0; i < intCount; i++) {
                visitor.accept(Bytes.longBytes(ints[i]));
            }
        } else {
            table.forEach(n -> visitor.accept(n.key));
        }
    }

    public byte[] random() {
        if (table == null) {
            return Bytes.longBytes(ints[ThreadLocalRandom.current().nextInt(intCount)]);
        }
        return table.random().key;
    }

    public long scan(long cursor, int count, Consumer<byte[]> visitor) {
        if (table == null) {
            forEach(visitor);
            return 0;
        }
        return table.scan(cursor, count, n -> visitor.accept(n.key));
    }

    public SetValue copy() {
        SetValue c = new SetValue(limits);
        if (table == null) {
            c.ints = ints.clone();
            c.intCount = intCount;
        } else {
            c.ints = null;
            c.table = new BytesTable<>();
            table.forEach(n -> c.table.insert(new BytesTable.Node(n.key)));
        }
        return c;
    }
}

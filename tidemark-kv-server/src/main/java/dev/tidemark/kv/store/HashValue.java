package dev.tidemark.kv.store;

import java.util.function.BiConsumer;

/**
 * A hash of field → value. Small hashes are a compact insertion-ordered array searched linearly (what Redis
 * calls a listpack, with the same limits: 128 fields, 64-byte fields and values); beyond that a hash table,
 * never converted back, as in Redis.
 */
public final class HashValue {

    static final class Field extends BytesTable.Node {
        byte[] value;

        Field(byte[] field, byte[] value) {
            super(field);
            this.value = value;
        }
    }

    private byte[][] fields = new byte[4][];
    private byte[][] values = new byte[4][];
    private int compactSize;
    private BytesTable<Field> table;
    private final EncodingLimits limits;

    public HashValue(EncodingLimits limits) {
        this.limits = limits;
    }

    public boolean isCompact() {
        return table == null;
    }

    public int size() {
        return table == null ? compactSize : table.size();
    }

    private int indexOf(byte[] f, int off, int len) {
        for (int i = 0; i < compactSize; i++) {
            if (Bytes.equals(fields[i], f, off, len)) {
                return i;
            }
        }
        return -1;
    }

    public byte[] get(byte[] f, int off, int len) {
        if (table == null) {
            int i = indexOf(f, off, len);
            return i < 0 ? null : values[i];
        }
        Field n = table.get(f, off, len);
        return n == null ? null : n.value;
    }

    public byte[] get(byte[] f) {
        return get(f, 0, f.length);
    }

    /** Sets field to value (the arrays become owned by the hash); true when the field is new. */
    public boolean put(byte[] field, byte[] value) {
        if (table == null) {
            int i = indexOf(field, 0, field.length);
            if (i >= 0) {
                values[i] = value;
                convertIfTooLarge(field, value);
                return false;
            }
            if (compactSize == fields.length) {
                fields = java.util.Arrays.copyOf(fields, compactSize * 2);
                values = java.util.Arrays.copyOf(values, compactSize * 2);
            }
            fields[compactSize] = field;
            values[compactSize++] = value;
            convertIfTooLarge(field, value);
            return true;
        }
        Field n = table.get(field);
        if (n != null) {
            n.value = value;
            return false;
        }
        table.insert(new Field(field, value));
        return true;
    }

    private void convertIfTooLarge(byte[] field, byte[] value) {
        if (compactSize > limits.hashMaxEntries || field.length > limits.hashMaxValue || value.length > limits.hashMaxValue) {
            table = new BytesTable<>();
            for (int i = 0; i < compactSize; i++) {
                table.insert(new Field(fields[i], values[i]));
            }
            fields = null;
            values = null;
            compactSize = 0;
        }
    }

    public boolean remove(byte[] f, int off, int len) {
        if (table == null) {
            int i = indexOf(f, off, len);
            if (i < 0) {
                return false;
            }
            System.arraycopy(fields, i + 1, fields, i, compactSize - i - 1);
            System.arraycopy(values, i + 1, values, i, compactSize - i - 1);
            compactSize--;
            fields[compactSize] = null;
            values[compactSize] = null;
            return true;
        }
        return table.remove(f, off, len) != null;
    }

    /** Every field and value, in insertion order for a compact hash. */
    public void forEach(BiConsumer<byte[], byte[]> visitor) {
        if (table == null) {
            for (int i = 0; i < compactSize; i++) {
                visitor.accept(fields[i], values[i]);
            }
        } else {
            table.forEach(n -> visitor.accept(n.key, n.value));
        }
    }

    /** A uniformly random field index for compact hashes, or a random table entry; returns {field, value}. */
    public byte[][] random() {
        if (table == null) {
            int i = java.util.concurrent.ThreadLocalRandom.current().nextInt(compactSize);
            return new byte[][] {fields[i], values[i]};
        }
        Field n = table.random();
        return new byte[][] {n.key, n.value};
    }

    /** HSCAN step: a compact hash is returned whole with cursor 0, as Redis does. */
    public long scan(long cursor, int count, BiConsumer<byte[], byte[]> visitor) {
        if (table == null) {
            forEach(visitor);
            return 0;
        }
        return table.scan(cursor, count, n -> visitor.accept(n.key, n.value));
    }

    public HashValue copy() {
        HashValue c = new HashValue(limits);
        if (table == null) {
            c.fields = fields.clone();
            c.values = values.clone();
            c.compactSize = compactSize;
        } else {
            c.table = new BytesTable<>();
            table.forEach(n -> c.table.insert(new Field(n.key, n.value)));
        }
        return c;
    }
}

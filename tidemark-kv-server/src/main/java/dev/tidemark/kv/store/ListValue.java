package dev.tidemark.kv.store;

/** A list of byte strings as a ring buffer: O(1) at both ends and O(1) by index. */
public final class ListValue {
    private byte[][] items = new byte[8][];
    private int head;
    private int size;

    public int size() {
        return size;
    }

    private int slot(int index) {
        return (head + index) & (items.length - 1);
    }

    public byte[] get(int index) {
        return items[slot(index)];
    }

    public void set(int index, byte[] value) {
        items[slot(index)] = value;
    }

    private void growIfFull() {
        if (size == items.length) {
            byte[][] fresh = new byte[items.length * 2][];
            for (int i = 0; i < size; i++) {
                fresh[i] = get(i);
            }
            items = fresh;
            head = 0;
        }
    }

    public void addFirst(byte[] value) {
        growIfFull();
        head = (head - 1) & (items.length - 1);
        items[head] = value;
        size++;
    }

    public void addLast(byte[] value) {
        growIfFull();
        items[slot(size)] = value;
        size++;
    }

    public byte[] removeFirst() {
        byte[] v = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        shrinkIfSparse();
        return v;
    }

    public byte[] removeLast() {
        int s = slot(size - 1);
        byte[] v = items[s];
        items[s] = null;
        size--;
        shrinkIfSparse();
        return v;
    }

    /** Inserts before position index (index == size appends). */
    public void insert(int index, byte[] value) {
        if (index == 0) {
            addFirst(value);
            return;
        }
        growIfFull();
        for (int i = size; i > index; i--) {
            items[slot(i)] = items[slot(i - 1)];
        }
        items[slot(index)] = value;
        size++;
    }

    public void removeAt(int index) {
        for (int i = index; i < size - 1; i++) {
            items[slot(i)] = items[slot(i + 1)];
        }
        items[slot(size - 1)] = null;
        size--;
    }

    /** Keeps only [start, end] (inclusive, already clamped by the caller; start > end empties). */
    public void trim(int start, int end) {
        if (start > end || start >= size) {
            clear();
            return;
        }
        int keep = end - start + 1;
        byte[][] fresh = new byte[Math.max(8, Integer.highestOneBit(Math.max(keep, 1) * 2 - 1) << 1)][];
        for (int i = 0; i < keep; i++) {
            fresh[i] = get(start + i);
        }
        items = fresh;
        head = 0;
        size = keep;
    }

    public void clear() {
        items = new byte[8][];
        head = 0;
        size = 0;
    }

    private void shrinkIfSparse() {
        if (items.length > 64 && size * 8 < items.length) {
            trim(0, size - 1);
        }
    }

    public ListValue copy() {
        ListValue c = new ListValue();
        c.items = new byte[items.length][];
        for (int i = 0; i < size; i++) {
            c.items[i] = get(i);
        }
        c.size = size;
        return c;
    }
}

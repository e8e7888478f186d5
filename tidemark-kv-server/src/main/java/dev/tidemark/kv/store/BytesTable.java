package dev.tidemark.kv.store;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A chained hash table keyed by byte arrays, the one structure behind the keyspace, large hashes and large
 * sets. Lookups take a key as a slice of any array, so a command can look up an argument without copying it.
 * The table size is a power of two; it doubles at load factor 1 and halves below 1/10 fill, like Redis's dict.
 * {@link #scan} walks buckets in reverse-binary order, which is what makes Redis's SCAN guarantee hold across
 * resizes: every element present for the whole scan is returned at least once.
 */
public class BytesTable<N extends BytesTable.Node> {
    /** A table element: subclasses add their payload. */
    public static class Node {
        public final byte[] key;
        final int hash;
        Node next;

        public Node(byte[] key) {
            this.key = key;
            this.hash = Bytes.hash(key);
        }
    }

    private static final int MIN_SIZE = 4;
    private Node[] buckets = new Node[MIN_SIZE];
    private int size;

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public N get(byte[] key, int off, int len) {
        int h = Bytes.hash(key, off, len);
        for (Node n = buckets[h & (buckets.length - 1)]; n != null; n = n.next) {
            if (n.hash == h && Bytes.equals(n.key, key, off, len)) {
                return (N) n;
            }
        }
        return null;
    }

    public N get(byte[] key) {
        return get(key, 0, key.length);
    }

    /** Inserts a node whose key is not in the table (callers check with get first). */
    public void insert(N node) {
        if (size >= buckets.length) {
            resize(buckets.length * 2);
        }
        int i = node.hash & (buckets.length - 1);
        node.next = buckets[i];
        buckets[i] = node;
        size++;
    }

    /** Removes and returns the node for key, or null. */
    @SuppressWarnings("unchecked")
    public N remove(byte[] key, int off, int len) {
        int h = Bytes.hash(key, off, len);
        int i = h & (buckets.length - 1);
        Node prev = null;
        for (Node n = buckets[i]; n != null; prev = n, n = n.next) {
            if (n.hash == h && Bytes.equals(n.key, key, off, len)) {
                if (prev == null) {
                    buckets[i] = n.next;
                } else {
                    prev.next = n.next;
                }
                n.next = null;
                size--;
                shrinkIfSparse();
                return (N) n;
            }
        }
        return null;
    }

    public N remove(byte[] key) {
        return remove(key, 0, key.length);
    }

    /** Replaces the node holding the same key as replacement (which must be present) in place. */
    public void replace(N old, N replacement) {
        int i = old.hash & (buckets.length - 1);
        Node prev = null;
        for (Node n = buckets[i]; n != null; prev = n, n = n.next) {
            if (n == old) {
                replacement.next = n.next;
                if (prev == null) {
                    buckets[i] = replacement;
                } else {
                    prev.next = replacement;
                }
                n.next = null;
                return;
            }
        }
        throw new IllegalStateException("node not in table");
    }

    public void clear() {
        buckets = new Node[MIN_SIZE];
        size = 0;
    }

    private void shrinkIfSparse() {
        if (buckets.length > MIN_SIZE && size * 10 < buckets.length) {
            int target = MIN_SIZE;
            while (target < size) {
                target <<= 1;
            }
            resize(target);
        }
    }

    private void resize(int newSize) {
        Node[] old = buckets;
        Node[] fresh = new Node[newSize];
        int mask = newSize - 1;
        for (Node head : old) {
            Node n = head;
            while (n != null) {
                Node next = n.next;
                int i = n.hash & mask;
                n.next = fresh[i];
                fresh[i] = n;
                n = next;
            }
        }
        buckets = fresh;
    }

    /** A uniformly chosen bucket, then a uniform element of its chain, as Redis's dictGetFairRandomKey approximates. */
    @SuppressWarnings("unchecked")
    public N random() {
        if (size == 0) {
            return null;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        Node head;
        do {
            head = buckets[rnd.nextInt(buckets.length)];
        } while (head == null);
        int chain = 0;
        for (Node n = head; n != null; n = n.next) {
            chain++;
        }
        Node n = head;
        for (int k = rnd.nextInt(chain); k > 0; k--) {
            n = n.next;
        }
        return (N) n;
    }

    /**
     * Visits the chains of one bucket (or more, while fewer than count elements were seen) and returns the next
     * cursor, 0 when the walk is complete.
     */
    @SuppressWarnings("unchecked")
    public long scan(long cursor, int count, Consumer<N> visitor) {
        if (size == 0) {
            return 0;
        }
        long v = cursor;
        int seen = 0;
        int maxBuckets = Math.max(count, 1) * 10;
        do {
            long mask = buckets.length - 1;
            for (Node n = buckets[(int) (v & mask)]; n != null; ) {
                Node next = n.next;
                visitor.accept((N) n);
                seen++;
                n = next;
            }
            // increment the reversed cursor: set the unmasked high bits, reverse, add one, reverse back
            v |= ~mask;
            v = Long.reverse(v);
            v++;
            v = Long.reverse(v);
            maxBuckets--;
        } while (v != 0 && seen < count && maxBuckets > 0);
        return v;
    }

    /** Every element once, in table order; the visitor must not change the table. */
    @SuppressWarnings("unchecked")
    public void forEach(Consumer<N> visitor) {
        for (Node head : buckets) {
            for (Node n = head; n != null; n = n.next) {
                visitor.accept((N) n);
            }
        }
    }

    public int bucketCount() {
        return buckets.length;
    }
}

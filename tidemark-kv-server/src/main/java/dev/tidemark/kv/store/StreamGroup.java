package dev.tidemark.kv.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A consumer group of a stream: its last delivered ID, its entries-read counter, its pending entries list (every
 * entry delivered and not yet acknowledged, with owner, last delivery time and delivery count) and its
 * consumers, each with its seen time and its own share of the pending list. Groups, consumers and pending
 * entries are ordered as Redis's radix trees order them: by name bytes, by ID.
 */
public final class StreamGroup {
    /** entries-read when it cannot be known (after XGROUP SETID without ENTRIESREAD, for example). */
    public static final long ENTRIES_READ_UNKNOWN = -1;

    /** One consumer: its name, when it was last active, the pending entries it owns. */
    public static final class Consumer {
        private final byte[] name;
        private long seenTime;
        private final TreeMap<StreamId, Pending> pending = new TreeMap<>();

        Consumer(byte[] name, long seenTime) {
            this.name = name;
            this.seenTime = seenTime;
        }

        public byte[] name() {
            return name;
        }

        public long seenTime() {
            return seenTime;
        }

        public void seenTime(long ms) {
            seenTime = ms;
        }

        public NavigableMap<StreamId, Pending> pending() {
            return pending;
        }
    }

    /** A delivered, unacknowledged entry: its owner, last delivery time (ms) and number of deliveries. */
    public static final class Pending {
        private Consumer consumer;
        private long deliveryTime;
        private long deliveryCount;

        Pending(Consumer consumer, long deliveryTime, long deliveryCount) {
            this.consumer = consumer;
            this.deliveryTime = deliveryTime;
            this.deliveryCount = deliveryCount;
        }

        /** The owner; null only for an entry XCLAIM FORCE has just created and not yet given to anyone. */
        public Consumer consumer() {
            return consumer;
        }

        public long deliveryTime() {
            return deliveryTime;
        }

        public void deliveryTime(long ms) {
            deliveryTime = ms;
        }

        public long deliveryCount() {
            return deliveryCount;
        }

        public void deliveryCount(long n) {
            deliveryCount = n;
        }
    }

    private final byte[] name;
    private StreamId lastId;
    private long entriesRead;
    private final TreeMap<StreamId, Pending> pending = new TreeMap<>();
    private final TreeMap<byte[], Consumer> consumers = new TreeMap<>(Arrays::compareUnsigned);

    StreamGroup(byte[] name, StreamId lastId, long entriesRead) {
        this.name = name;
        this.lastId = lastId;
        this.entriesRead = entriesRead;
    }

    public byte[] name() {
        return name;
    }

    public StreamId lastId() {
        return lastId;
    }

    public void lastId(StreamId id) {
        lastId = id;
    }

    public long entriesRead() {
        return entriesRead;
    }

    public void entriesRead(long n) {
        entriesRead = n;
    }

    public NavigableMap<StreamId, Pending> pending() {
        return pending;
    }

    public Collection<Consumer> consumers() {
        return consumers.values();
    }

    public int consumerCount() {
        return consumers.size();
    }

    public Consumer consumer(byte[] consumerName) {
        return consumers.get(consumerName);
    }

    /** A new consumer seen now, or null when one of that name exists. */
    public Consumer createConsumer(byte[] consumerName, long now) {
        if (consumers.containsKey(consumerName)) {
            return null;
        }
        Consumer c = new Consumer(consumerName, now);
        consumers.put(consumerName, c);
        return c;
    }

    /** Removes a consumer and its pending entries from the group; returns how many it had. */
    public long deleteConsumer(Consumer c) {
        long count = c.pending.size();
        for (StreamId id : c.pending.keySet()) {
            pending.remove(id);
        }
        consumers.remove(c.name);
        return count;
    }

    /** Records a delivery of id to c (XREADGROUP): a new pending entry, or one taken over with its count reset. */
    public void delivered(StreamId id, Consumer c, long now) {
        Pending p = pending.get(id);
        if (p == null) {
            p = new Pending(c, now, 1);
            pending.put(id, p);
        } else {
            p.consumer.pending.remove(id);
            p.consumer = c;
            p.deliveryTime = now;
            p.deliveryCount = 1;
        }
        c.pending.put(id, p);
    }

    /** A pending entry without owner yet (XCLAIM FORCE), delivered once now. */
    public Pending createPending(StreamId id, long now) {
        Pending p = new Pending(null, now, 1);
        pending.put(id, p);
        return p;
    }

    /** Gives a pending entry to consumer c. */
    public void assign(StreamId id, Pending p, Consumer c) {
        if (p.consumer != c) {
            if (p.consumer != null) {
                p.consumer.pending.remove(id);
            }
            c.pending.put(id, p);
            p.consumer = c;
        }
    }

    /** Drops a pending entry (acknowledged, or its entry no longer exists); false when it was not pending. */
    public boolean remove(StreamId id) {
        Pending p = pending.remove(id);
        if (p == null) {
            return false;
        }
        if (p.consumer != null) {
            p.consumer.pending.remove(id);
        }
        return true;
    }

    StreamGroup copy() {
        StreamGroup g = new StreamGroup(name, lastId, entriesRead);
        for (Consumer c : consumers.values()) {
            Consumer copy = new Consumer(c.name, c.seenTime);
            g.consumers.put(c.name, copy);
            c.pending.forEach((id, p) -> {
                Pending q = new Pending(copy, p.deliveryTime, p.deliveryCount);
                copy.pending.put(id, q);
                g.pending.put(id, q);
            });
        }
        return g;
    }
}

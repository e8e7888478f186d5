package dev.tidemark.kv.store;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One of the numbered databases: the key table plus an index of the keys that have a TTL, which active expiry
 * samples. All changes go through the methods here, so the {@link MutationObserver} hook and the entry
 * versions stay right whatever command made them. Single-threaded: only the data thread calls it.
 */
public final class Database {
    private final Keyspace keyspace;
    int index;
    private final BytesTable<Entry> table = new BytesTable<>();
    private Entry[] expiring = new Entry[16];
    private int expiringCount;

    Database(Keyspace keyspace, int index) {
        this.keyspace = keyspace;
        this.index = index;
    }

    public int index() {
        return index;
    }

    public int size() {
        return table.size();
    }

    public int expiringCount() {
        return expiringCount;
    }

    /** The live entry for key, touching its access time; an expired one is deleted on the way (lazy expiry). */
    public Entry read(byte[] key, int off, int len) {
        Entry e = live(key, off, len);
        if (e != null) {
            e.accessedAt = keyspace.clockSeconds();
        }
        return e;
    }

    public Entry read(byte[] key) {
        return read(key, 0, key.length);
    }

    /**
     * The live entry for key, which the caller is about to change in place (or null when absent). This is the
     * write path's "before mutate" point: the observer sees the old value and the entry gets a new version.
     */
    public Entry write(byte[] key, int off, int len) {
        Entry e = live(key, off, len);
        if (e != null) {
            beforeChange(e);
        }
        return e;
    }

    public Entry write(byte[] key) {
        return write(key, 0, key.length);
    }

    /** The entry as stored, expired or not, without side effects (WATCH and expiry bookkeeping use this). */
    public Entry peek(byte[] key, int off, int len) {
        return table.get(key, off, len);
    }

    private Entry live(byte[] key, int off, int len) {
        Entry e = table.get(key, off, len);
        if (e != null && e.expireAt != Entry.NO_EXPIRY && e.expireAt <= keyspace.now()) {
            expireEntry(e);
            keyspace.stats.expiredKeys++;
            return null;
        }
        return e;
    }

    public boolean isExpired(Entry e) {
        return e.expireAt != Entry.NO_EXPIRY && e.expireAt <= keyspace.now();
    }

    /**
     * Announces that e, a live entry of this database, is about to change in place: the "before mutate" point
     * (see {@link MutationObserver}); the entry gets a new version.
     */
    public void mutating(Entry e) {
        beforeChange(e);
    }

    /**
     * Announces an in-place change that Redis does not count as a modification of the key (a stream's consumer
     * group bookkeeping: XREADGROUP, XACK, XCLAIM...): the {@link MutationObserver} sees the old value, but the
     * version stays, so WATCH does not notice it, as in Redis.
     */
    public void mutatingUnwatched(Entry e) {
        keyspace.observer.beforeMutate(index, e);
    }

    private void beforeChange(Entry e) {
        keyspace.observer.beforeMutate(index, e);
        e.version = keyspace.nextVersion();
        e.accessedAt = keyspace.clockSeconds();
        if (e.value instanceof ListValue) {
            keyspace.listTouched(this, e.key);
        }
    }

    /** Adds a key that is not present; the key array becomes owned by the keyspace. */
    public Entry add(byte[] key, Object value) {
        Entry e = new Entry(key, value);
        e.version = keyspace.nextVersion();
        e.accessedAt = keyspace.clockSeconds();
        table.insert(e);
        if (value instanceof ListValue || value instanceof StreamValue) {
            keyspace.listTouched(this, key);
        }
        return e;
    }

    /**
     * Sets key to value as SET does: a new value of any type replaces the old one, the TTL is cleared unless
     * keepTtl. The key bytes are copied only when the key is new.
     */
    public Entry set(byte[] key, int off, int len, Object value, boolean keepTtl) {
        Entry e = live(key, off, len);
        if (e == null) {
            return add(Bytes.copy(key, off, len), value);
        }
        beforeChange(e);
        if (e.value instanceof StreamValue) {
            // a stream replaced by another value: group readers blocked on it must hear that it is gone
            keyspace.listTouched(this, e.key);
        }
        e.value = value;
        e.stringForm = Entry.FORM_AUTO;
        if (!keepTtl) {
            clearExpiry(e);
        }
        if (value instanceof ListValue || value instanceof StreamValue) {
            keyspace.listTouched(this, e.key);
        }
        return e;
    }

    public Entry set(byte[] key, Object value) {
        return set(key, 0, key.length, value, false);
    }

    /** Changes the value of an entry obtained through {@link #write} (the hook already ran). */
    public void replaceValue(Entry e, Object value) {
        e.value = value;
        e.stringForm = Entry.FORM_AUTO;
    }

    public void markRawString(Entry e) {
        e.stringForm = Entry.FORM_RAW;
    }

    /** Sets how OBJECT ENCODING reports a string (see {@link Entry#FORM_AUTO}); carried by RENAME, COPY, MOVE. */
    public void stringForm(Entry e, byte form) {
        e.stringForm = form;
    }

    public boolean delete(byte[] key, int off, int len) {
        Entry e = live(key, off, len);
        if (e == null) {
            return false;
        }
        removeEntry(e);
        return true;
    }

    public boolean delete(byte[] key) {
        return delete(key, 0, key.length);
    }

    /** Removes an entry known to be in this database (a deletion: WATCH on the key notices it). */
    public void removeEntry(Entry e) {
        expireEntry(e);
        keyspace.keyDeleted(this, e.key);
    }

    /** Removes an entry whose TTL passed: not a modification for WATCH, as in Redis. */
    public void expireEntry(Entry e) {
        keyspace.observer.beforeMutate(index, e);
        clearExpiry(e);
        table.remove(e.key);
        if (e.value instanceof StreamValue) {
            keyspace.listTouched(this, e.key);
        }
    }

    /** Removes e when its collection became empty, as Redis deletes empty lists, hashes and sets. */
    public void removeIfEmpty(Entry e) {
        Object v = e.value;
        boolean empty = v instanceof ListValue l ? l.size() == 0
            : v instanceof HashValue h ? h.size() == 0
            : v instanceof SetValue s && s.size() == 0;
        if (empty && table.get(e.key) == e) {
            removeEntry(e);
        }
    }

    /** Sets or clears (at == NO_EXPIRY) the absolute expiry time in ms of an entry obtained through write. */
    public void setExpiry(Entry e, long at) {
        if (at == Entry.NO_EXPIRY) {
            clearExpiry(e);
            return;
        }
        e.expireAt = at;
        if (e.expirySlot < 0) {
            if (expiringCount == expiring.length) {
                expiring = java.util.Arrays.copyOf(expiring, expiring.length * 2);
            }
            e.expirySlot = expiringCount;
            expiring[expiringCount++] = e;
        }
    }

    private void clearExpiry(Entry e) {
        e.expireAt = Entry.NO_EXPIRY;
        int slot = e.expirySlot;
        if (slot >= 0) {
            Entry last = expiring[--expiringCount];
            expiring[slot] = last;
            last.expirySlot = slot;
            expiring[expiringCount] = null;
            e.expirySlot = -1;
        }
    }

    /** A random live key's entry, or null when the database is empty. */
    public Entry randomEntry() {
        for (int tries = 0; table.size() > 0; tries++) {
            Entry e = table.random();
            if (!isExpired(e)) {
                return e;
            }
            if (tries >= 100 && expiringCount == table.size()) {
                // like Redis: when every key is volatile and stale, give one back rather than loop
                return e;
            }
            expireEntry(e);
            keyspace.stats.expiredKeys++;
        }
        return null;
    }

    public long scan(long cursor, int count, Consumer<Entry> visitor) {
        return table.scan(cursor, count, visitor);
    }

    public void forEach(Consumer<Entry> visitor) {
        table.forEach(visitor);
    }

    public void clear() {
        keyspace.observer.beforeClear(index, this);
        table.clear();
        expiring = new Entry[16];
        expiringCount = 0;
        keyspace.cleared(this);
    }

    /**
     * One pass of Redis's active expiry on this database: sample up to 20 keys with a TTL, delete the expired
     * ones, repeat while more than a quarter of a sample was expired and the time budget lasts. Returns the
     * number of keys deleted.
     */
    int expireCycle(long deadlineNanos) {
        int deleted = 0;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long now = keyspace.now();
        int expiredInSample;
        int sample;
        int iterations = 0;
        do {
            sample = Math.min(20, expiringCount);
            if (sample == 0) {
                break;
            }
            expiredInSample = 0;
            for (int i = 0; i < sample && expiringCount > 0; i++) {
                Entry e = expiring[rnd.nextInt(expiringCount)];
                if (e.expireAt <= now) {
                    expireEntry(e);
                    keyspace.stats.expiredKeys++;
                    expiredInSample++;
                }
            }
            deleted += expiredInSample;
            iterations++;
            if ((iterations & 15) == 0 && System.nanoTime() > deadlineNanos) {
                break;
            }
        } while (expiredInSample * 4 > sample);
        return deleted;
    }
}

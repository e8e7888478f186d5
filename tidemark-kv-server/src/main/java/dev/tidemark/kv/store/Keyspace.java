package dev.tidemark.kv.store;

import java.util.function.BiConsumer;

/**
 * The numbered databases, the clock commands see, the mutation counter behind entry versions and the hooks
 * the server plugs in (snapshot observer, blocked-client wake-ups).
 */
public final class Keyspace {
    /** Counters INFO reports. */
    public static final class Stats {
        public long expiredKeys;
    }

    public final Stats stats = new Stats();
    /** The compact-encoding limits new hashes and sets of this keyspace follow. */
    public final EncodingLimits limits = new EncodingLimits();
    private final Database[] databases;
    MutationObserver observer = MutationObserver.NONE;
    private BiConsumer<Database, byte[]> listListener = (db, key) -> { };
    private BiConsumer<Database, byte[]> deletionListener = (db, key) -> { };
    private java.util.function.Consumer<Database> clearListener = db -> { };
    private long version;
    private long now = System.currentTimeMillis();

    public Keyspace(int count) {
        databases = new Database[count];
        for (int i = 0; i < count; i++) {
            databases[i] = new Database(this, i);
        }
    }

    public int count() {
        return databases.length;
    }

    public Database db(int index) {
        return databases[index];
    }

    /** The time in ms the current command sees: fixed for the whole command, as in Redis. */
    public long now() {
        return now;
    }

    public void updateClock() {
        now = System.currentTimeMillis();
    }

    int clockSeconds() {
        return (int) (now / 1000);
    }

    long nextVersion() {
        return ++version;
    }

    /** The last version handed out; a snapshot starting now would record this. */
    public long currentVersion() {
        return version;
    }

    public void observe(MutationObserver mutationObserver) {
        this.observer = mutationObserver;
    }

    /**
     * Called with a database and key whenever a list is created or written, or a stream is created, replaced or
     * deleted, so blocked pops and stream reads can be served.
     */
    public void onListTouched(BiConsumer<Database, byte[]> listener) {
        this.listListener = listener;
    }

    /** Called with a database when it has been emptied (FLUSHDB, FLUSHALL), so blocked readers hear of it. */
    public void onCleared(java.util.function.Consumer<Database> listener) {
        this.clearListener = listener;
    }

    void cleared(Database db) {
        clearListener.accept(db);
    }

    void listTouched(Database db, byte[] key) {
        listListener.accept(db, key);
    }

    /** Called with a database and key whenever a key is deleted (not when it expires), for WATCH. */
    public void onKeyDeleted(BiConsumer<Database, byte[]> listener) {
        this.deletionListener = listener;
    }

    void keyDeleted(Database db, byte[] key) {
        deletionListener.accept(db, key);
    }

    public void flushAll() {
        for (Database db : databases) {
            db.clear();
        }
    }

    /** SWAPDB: the two databases exchange their contents (clients keep their selected index). */
    public void swap(int a, int b) {
        observer.beforeClear(a, databases[a]);
        observer.beforeClear(b, databases[b]);
        Database first = databases[a];
        databases[a] = databases[b];
        databases[b] = first;
        databases[a].index = a;
        databases[b].index = b;
    }

    public long keyCount() {
        long n = 0;
        for (Database db : databases) {
            n += db.size();
        }
        return n;
    }

    /**
     * One run of active expiry over all databases within the time budget, as Redis's activeExpireCycle does
     * every 100 ms. Returns the number of keys deleted.
     */
    public int activeExpire(long budgetNanos) {
        updateClock();
        long deadline = System.nanoTime() + budgetNanos;
        int deleted = 0;
        for (Database db : databases) {
            if (db.expiringCount() > 0) {
                deleted += db.expireCycle(deadline);
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        return deleted;
    }
}

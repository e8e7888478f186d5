package dev.tidemark.kv.store;

/**
 * The one point every write path of the keyspace passes before it changes data. A forkless snapshot plugs in
 * here: when {@link #beforeMutate} is called for an entry whose version is not newer than the snapshot's start
 * and which the snapshot has not serialised yet, the snapshot writes the old value first. The keyspace calls
 * it before an entry's value changes in place, before an entry is removed or replaced, and before a database
 * is emptied or swapped; commands never call it themselves.
 */
public interface MutationObserver {
    MutationObserver NONE = new MutationObserver() {
    };

    /** The entry of database db is about to change or disappear; its value is still the old one. */
    default void beforeMutate(int db, Entry entry) {
    }

    /** Every entry of database db is about to disappear (FLUSHDB, FLUSHALL, SWAPDB, restore). */
    default void beforeClear(int db, Database database) {
    }
}

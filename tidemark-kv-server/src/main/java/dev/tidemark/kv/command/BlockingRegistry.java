package dev.tidemark.kv.command;

import dev.tidemark.kv.store.ByteKey;
import dev.tidemark.kv.store.Database;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Clients blocked on keys (BLPOP and friends). When a watched key is written, it is marked ready; after the
 * command that wrote it (after EXEC for a transaction) the clients blocked on it are served in the order they
 * blocked, each by its own {@link Waiter#serve}, until the key cannot serve the next one.
 */
public final class BlockingRegistry {
    /** What a blocked command does when one of its keys may serve it, and when its time is up. */
    public interface Waiter {
        /** Tries to serve from the key that became ready; true when the client got its reply. */
        boolean serve(Client client, Database db, byte[] key);

        /** The reply when the timeout expires. */
        void timedOut(Client client);

        /**
         * Whether this waiter, when it could not be served, holds back the clients queued after it on the key.
         * Pops do (first come, first served); a stream reader waits for its own ID, so the next may be served.
         */
        default boolean holdsQueue() {
            return true;
        }
    }

    private record Blocked(Waiter waiter, int db, List<ByteKey> keys, ScheduledFuture<?> timer) {
    }

    private record ReadyKey(int db, ByteKey key) {
    }

    private final Engine engine;
    private final Map<ReadyKey, ArrayDeque<Client>> waiting = new HashMap<>();
    private final LinkedHashSet<ReadyKey> ready = new LinkedHashSet<>();

    BlockingRegistry(Engine engine) {
        this.engine = engine;
    }

    public int blockedClients() {
        int n = 0;
        for (Client c : engine.clients().values()) {
            if (c.isBlocked() && c.blockedOn instanceof Blocked) {
                n++;
            }
        }
        return n;
    }

    public int blockingKeys() {
        return waiting.size();
    }

    /**
     * Blocks the client on keys until served or timeoutMillis passes (0 = forever). Its further input waits.
     */
    public void block(Client c, List<byte[]> keys, long timeoutMillis, Waiter waiter) {
        List<ByteKey> wrapped = new ArrayList<>();
        for (byte[] k : keys) {
            ByteKey bk = new ByteKey(k);
            if (!wrapped.contains(bk)) {
                wrapped.add(bk);
                waiting.computeIfAbsent(new ReadyKey(c.dbIndex, bk), x -> new ArrayDeque<>()).add(c);
            }
        }
        ScheduledFuture<?> timer = null;
        if (timeoutMillis > 0) {
            timer = engine.loop().schedule(() -> expire(c), timeoutMillis, TimeUnit.MILLISECONDS);
        }
        c.blockedOn = new Blocked(waiter, c.dbIndex, wrapped, timer);
    }

    private void expire(Client c) {
        if (c.blockedOn instanceof Blocked b) {
            unblock(c);
            b.waiter.timedOut(c);
            resume(c);
            engine.flushPending();
        }
    }

    /** Ends a client's wait without a reply (disconnect, CLIENT UNBLOCK does its own reply). */
    public void unblock(Client c) {
        if (!(c.blockedOn instanceof Blocked b)) {
            return;
        }
        c.blockedOn = null;
        if (b.timer != null) {
            b.timer.cancel(false);
        }
        for (ByteKey k : b.keys) {
            ReadyKey rk = new ReadyKey(b.db, k);
            ArrayDeque<Client> q = waiting.get(rk);
            if (q != null) {
                q.remove(c);
                if (q.isEmpty()) {
                    waiting.remove(rk);
                }
            }
        }
    }

    /** CLIENT UNBLOCK: ends the wait as a timeout (or with an error) and returns whether it was blocked. */
    public boolean unblockByRequest(Client c, boolean withError) {
        if (!(c.blockedOn instanceof Blocked b)) {
            return false;
        }
        unblock(c);
        if (withError) {
            c.out().error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
        } else {
            b.waiter.timedOut(c);
        }
        resume(c);
        return true;
    }

    private void resume(Client c) {
        if (c.parser.hasBufferedInput()) {
            engine.loop().execute(() -> {
                engine.processInput(c);
                engine.flushPending();
            });
        }
    }

    /** Marks key as ready when clients wait on it: they get a chance to be served after the current command. */
    public void keyTouched(Database db, byte[] key) {
        if (waiting.isEmpty()) {
            return;
        }
        ReadyKey rk = new ReadyKey(db.index(), new ByteKey(key));
        if (waiting.containsKey(rk)) {
            ready.add(rk);
        }
    }

    /** Serves the clients blocked on keys that became ready, including keys made ready while serving. */
    void serveReadyKeys() {
        while (!ready.isEmpty()) {
            ReadyKey rk = ready.iterator().next();
            ready.remove(rk);
            ArrayDeque<Client> queue = waiting.get(rk);
            if (queue == null) {
                continue;
            }
            Database db = engine.keyspace().db(rk.db);
            for (Client c : new ArrayList<>(queue)) {
                if (!(c.blockedOn instanceof Blocked b)) {
                    continue;
                }
                engine.keyspace().updateClock();
                int saved = c.dbIndex;
                c.dbIndex = rk.db;
                boolean served;
                try {
                    served = b.waiter.serve(c, db, rk.key.bytes());
                } finally {
                    c.dbIndex = saved;
                }
                if (!served) {
                    if (b.waiter.holdsQueue()) {
                        break;
                    }
                    continue;
                }
                unblock(c);
                resume(c);
            }
        }
    }

    /** Marks every key some client waits on in the database as ready (after it was emptied). */
    void databaseCleared(int db) {
        databasesSwapped(db, db);
    }

    /** Marks every key some client waits on in the two databases as ready (after SWAPDB). */
    public void databasesSwapped(int a, int b) {
        for (ReadyKey rk : waiting.keySet()) {
            if (rk.db == a || rk.db == b) {
                ready.add(rk);
            }
        }
    }
}

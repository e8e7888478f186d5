package dev.tidemark.kv.command.transactions;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Engine;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.store.Database;
import dev.tidemark.kv.store.Entry;
import java.util.List;

/**
 * MULTI EXEC DISCARD WATCH UNWATCH. A watched key is dirty when its entry version changed, or it appeared,
 * disappeared or expired since WATCH; a key already expired at WATCH time counts as absent, as Redis 7.0 does.
 */
public final class TransactionCommands {
    private static final String T = "transactions";

    private TransactionCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
            of("multi", 1, "noscript loading stale fast allow_busy", 0, 0, 0, "@fast @transaction", T, "Mark the start of a transaction block", TransactionCommands::multi),
            of("exec", 1, "noscript loading stale skip_slowlog", 0, 0, 0, "@slow @transaction", T, "Execute all commands issued after MULTI", TransactionCommands::exec),
            of("discard", 1, "noscript loading stale fast allow_busy", 0, 0, 0, "@fast @transaction", T, "Discard all commands issued after MULTI", TransactionCommands::discard),
            of("watch", -2, "noscript loading stale fast allow_busy", 1, -1, 1, "@fast @transaction", T, "Watch the given keys to determine execution of the MULTI/EXEC block", TransactionCommands::watch),
            of("unwatch", 1, "noscript loading stale fast allow_busy", 0, 0, 0, "@fast @transaction", T, "Forget about all watched keys", (c, a) -> {
                c.unwatchAll();
                c.out().ok();
            }));
    }

    private static void multi(Client c, Args a) {
        if (c.inMulti()) {
            throw new CommandError("ERR MULTI calls can not be nested");
        }
        c.engine().beginMulti(c);
        c.out().ok();
    }

    private static void discard(Client c, Args a) {
        if (!c.inMulti()) {
            throw new CommandError("ERR DISCARD without MULTI");
        }
        c.engine().endMulti(c);
        c.unwatchAll();
        c.out().ok();
    }

    /** The version WATCH records for a key: its entry's, or -1 when absent or logically expired. */
    public static long watchVersion(Database db, byte[] key) {
        Entry e = db.peek(key, 0, key.length);
        return e == null || db.isExpired(e) ? -1 : e.version();
    }

    private static void watch(Client c, Args a) {
        if (c.inMulti()) {
            throw new CommandError("ERR WATCH inside MULTI is not allowed");
        }
        for (int i = 1; i < a.count(); i++) {
            byte[] key = a.bytes(i);
            boolean already = c.watched().stream().anyMatch(w -> w.db() == c.dbIndex() && java.util.Arrays.equals(w.key(), key));
            if (!already) {
                c.watch(new Client.WatchedKey(c.dbIndex(), key, watchVersion(c.db(), key)));
            }
        }
        c.out().ok();
    }

    private static boolean watchedKeysChanged(Client c) {
        if (c.watchTouched()) {
            return true;
        }
        for (Client.WatchedKey w : c.watched()) {
            if (watchVersion(c.engine().keyspace().db(w.db()), w.key()) != w.version()) {
                return true;
            }
        }
        return false;
    }

    private static void exec(Client c, Args a) {
        if (!c.inMulti()) {
            throw new CommandError("ERR EXEC without MULTI");
        }
        Engine engine = c.engine();
        List<Args> queued = engine.endMulti(c);
        if (engine.multiFailed(c)) {
            c.unwatchAll();
            throw new CommandError("EXECABORT Transaction discarded because of previous errors.");
        }
        c.engine().keyspace().updateClock();
        if (watchedKeysChanged(c)) {
            c.unwatchAll();
            c.out().nullArray();
            return;
        }
        c.unwatchAll();
        c.out().array(queued.size());
        engine.runQueued(c, queued);
    }

}

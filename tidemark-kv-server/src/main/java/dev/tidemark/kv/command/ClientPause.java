package dev.tidemark.kv.command;

import dev.tidemark.kv.protocol.Args;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * CLIENT PAUSE: while paused, commands (all, or only those that write) of every client wait in arrival order
 * and run when the pause ends.
 */
public final class ClientPause {
    private final Engine engine;
    private boolean active;
    private boolean writesOnly;
    private long endsAt;
    private ScheduledFuture<?> timer;
    private final Map<Client, Args> held = new LinkedHashMap<>();

    ClientPause(Engine engine) {
        this.engine = engine;
    }

    /** Starts or extends a pause; a later pause in ALL mode wins over WRITE, as in Redis. */
    public void pause(long millis, boolean onlyWrites) {
        long until = System.currentTimeMillis() + millis;
        if (active) {
            writesOnly = writesOnly && onlyWrites;
            if (until <= endsAt) {
                return;
            }
            timer.cancel(false);
        } else {
            writesOnly = onlyWrites;
        }
        active = true;
        endsAt = until;
        timer = engine.loop().schedule(this::unpause, millis, TimeUnit.MILLISECONDS);
    }

    public void unpause() {
        if (!active) {
            return;
        }
        active = false;
        if (timer != null) {
            timer.cancel(false);
        }
        List<Map.Entry<Client, Args>> waiting = new ArrayList<>(held.entrySet());
        held.clear();
        for (Map.Entry<Client, Args> e : waiting) {
            Client c = e.getKey();
            engine.execute(c, e.getValue());
            engine.processInput(c);
        }
        engine.flushPending();
    }

    /** True when the command must wait for the pause to end; the client then reads nothing further. */
    boolean holds(Client c, Args args) {
        if (!active) {
            return false;
        }
        if (held.containsKey(c)) {
            return true;
        }
        CommandSpec spec = engine.commands().lookup(args.buffer(), args.offset(0), args.length(0));
        if (spec == null || spec.name().equals("client")) {
            return false;
        }
        boolean affected = !writesOnly || spec.write || spec.name().equals("publish")
            || (spec.name().equals("exec") && c.inMulti() && c.multiQueue.stream().anyMatch(this::writes));
        if (!affected) {
            return false;
        }
        held.put(c, args.copy());
        return true;
    }

    private boolean writes(Args queued) {
        CommandSpec s = engine.commands().lookup(queued.buffer(), queued.offset(0), queued.length(0));
        return s != null && s.write;
    }

    void forget(Client c) {
        held.remove(c);
    }
}

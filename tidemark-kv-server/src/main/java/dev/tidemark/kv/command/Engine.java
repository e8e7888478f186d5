package dev.tidemark.kv.command;

import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.ProtocolException;
import dev.tidemark.kv.store.Keyspace;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The data side of the server: command table, keyspace, clients, pub/sub and blocked clients. Everything here
 * runs on one thread (the data event loop), so commands are atomic without locks, as in Redis.
 */
public final class Engine {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Engine.class);
    private final Keyspace keyspace;
    private final CommandTable table = new CommandTable();
    private final ServerConfig config;
    private final ScheduledExecutorService loop;
    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private final List<Client> toFlush = new ArrayList<>();
    private final PubSub pubSub = new PubSub();
    private final BlockingRegistry blocking;
    private final ServerStats stats = new ServerStats();
    private final ClientPause pause;
    private long nextClientId = 1;
    private final long startedAt = System.currentTimeMillis();

    public Engine(ServerConfig config, ScheduledExecutorService loop) {
        this.config = config;
        this.loop = loop;
        this.keyspace = new Keyspace(config.databases());
        config.bind(keyspace.limits);
        this.blocking = new BlockingRegistry(this);
        this.pause = new ClientPause(this);
        keyspace.onListTouched(blocking::keyTouched);
        keyspace.onKeyDeleted(this::keyDeleted);
        keyspace.onCleared(db -> blocking.databaseCleared(db.index()));
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public CommandTable commands() {
        return table;
    }

    public ServerConfig config() {
        return config;
    }

    public PubSub pubSub() {
        return pubSub;
    }

    public BlockingRegistry blocking() {
        return blocking;
    }

    public ServerStats stats() {
        return stats;
    }

    public ClientPause pause() {
        return pause;
    }

    public ScheduledExecutorService loop() {
        return loop;
    }

    private final String runId = java.util.HexFormat.of().formatHex(
        java.nio.ByteBuffer.allocate(20).putLong(java.util.concurrent.ThreadLocalRandom.current().nextLong())
            .putLong(java.util.concurrent.ThreadLocalRandom.current().nextLong())
            .putInt(java.util.concurrent.ThreadLocalRandom.current().nextInt()).array());

    /** A random 40-hex-digit id of this server run, as INFO's run_id. */
    public String runId() {
        return runId;
    }

    public long startedAt() {
        return startedAt;
    }

    public Map<Long, Client> clients() {
        return clients;
    }

    /** Starts the periodic work: active expiry every 100 ms, idle client timeouts, ops/sec sampling. */
    public void startCron() {
        loop.scheduleAtFixedRate(this::cron, 100, 100, TimeUnit.MILLISECONDS);
    }

    private long cronTicks;

    private void cron() {
        keyspace.activeExpire(TimeUnit.MILLISECONDS.toNanos(25));
        // an expired stream ends the wait of the group readers blocked on it
        blocking.serveReadyKeys();
        stats.sample();
        if (++cronTicks % 10 == 0 && config.timeoutSeconds() > 0) {
            long idleLimit = System.currentTimeMillis() - config.timeoutSeconds() * 1000L;
            for (Client c : new ArrayList<>(clients.values())) {
                if (c.lastInteraction < idleLimit && !c.isBlocked() && c.subscriptionCount() == 0) {
                    c.closeAfterReply();
                }
            }
        }
        flushPending();
    }

    /** Registers a new connection; beyond maxclients it gets Redis's error and is closed. */
    public Client connect(Connection connection) {
        Client c = new Client(nextClientId++, connection, this, config.requirePass() == null);
        stats.connectionsReceived++;
        if (clients.size() >= Integer.parseInt(config.get("maxclients"))) {
            stats.rejectedConnections++;
            c.out().error("ERR max number of clients reached");
            c.closeAfterReply();
            flushPending();
            return c;
        }
        clients.put(c.id, c);
        return c;
    }

    public void disconnect(Client c) {
        if (clients.remove(c.id) == null) {
            return;
        }
        blocking.unblock(c);
        pubSub.unsubscribeAll(c);
        pause.forget(c);
        watching.remove(c);
        ByteBuf pending = c.reply.buffer();
        c.reply.target(null);
        if (pending != null) {
            pending.release();
        }
        toFlush.remove(c);
    }

    private final java.util.Set<Client> watching = new java.util.LinkedHashSet<>();

    void watching(Client c, boolean on) {
        if (on) {
            watching.add(c);
        } else {
            watching.remove(c);
        }
    }

    private void keyDeleted(dev.tidemark.kv.store.Database db, byte[] key) {
        for (Client c : watching) {
            for (Client.WatchedKey w : c.watched) {
                if (w.db() == db.index() && java.util.Arrays.equals(w.key(), key)) {
                    c.watchTouched = true;
                }
            }
        }
    }

    /** Drops a client's subscriptions and blocked wait (RESET). */
    void discardState(Client c) {
        blocking.unblock(c);
        pubSub.unsubscribeAll(c);
    }

    public void needsFlush(Client c) {
        toFlush.add(c);
    }

    /** Sends every reply written since the last flush: one write per client per batch (pipelining). */
    public void flushPending() {
        for (int i = 0; i < toFlush.size(); i++) {
            Client c = toFlush.get(i);
            if (c.pendingFlush) {
                c.flush();
            }
        }
        toFlush.clear();
    }

    public void received(Client c, ByteBuf data) {
        c.parser.append(data);
        c.lastInteraction = System.currentTimeMillis();
        processInput(c);
    }

    /** Runs the client's buffered commands until it has none complete, blocks, is paused or closes. */
    public void processInput(Client c) {
        while (!c.closing && !c.isBlocked() && clients.containsKey(c.id)) {
            Args args;
            try {
                args = c.parser.next();
            } catch (ProtocolException e) {
                c.out().error(e.getMessage());
                c.closeAfterReply();
                return;
            }
            if (args == null) {
                break;
            }
            if (pause.holds(c, args)) {
                break;
            }
            execute(c, args);
        }
        if (!c.isBlocked()) {
            c.parser.releaseIfIdle();
        }
    }

    /** Dispatches one command with Redis's checks, in Redis's order. */
    public void execute(Client c, Args args) {
        keyspace.updateClock();
        stats.commands++;
        CommandSpec spec = table.lookup(args.buffer(), args.offset(0), args.length(0));
        if (spec == null) {
            reject(c, unknownCommand(args));
            return;
        }
        CommandSpec run = spec;
        if (spec.hasSubcommands() && (spec.isContainer() || args.count() >= 2)) {
            if (args.count() < 2) {
                reject(c, CommandError.wrongArgs(spec.name()).getMessage());
                return;
            }
            run = spec.subcommands().get(args.string(1).toLowerCase(java.util.Locale.ROOT));
            if (run == null) {
                reject(c, "ERR unknown subcommand '" + truncate(args.string(1)) + "'. Try "
                    + spec.name().toUpperCase(java.util.Locale.ROOT) + " HELP.");
                return;
            }
        }
        if (!run.acceptsArgumentCount(args.count())) {
            reject(c, CommandError.wrongArgs(run.name()).getMessage());
            return;
        }
        if (!c.authenticated && !run.noAuth) {
            reject(c, "NOAUTH Authentication required.");
            return;
        }
        if (c.inMulti() && !isTransactionControl(spec.name())) {
            c.multiQueue.add(args.copy());
            c.out().simple("QUEUED");
            return;
        }
        if (c.protocol() == 2 && c.subscriptionCount() > 0 && !spec.allowedInSubscribedContext) {
            reject(c, "ERR Can't execute '" + run.name() + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
            return;
        }
        c.lastCommand = run.name();
        call(c, run, args);
        blocking.serveReadyKeys();
    }

    private static boolean isTransactionControl(String name) {
        return switch (name) {
            case "exec", "discard", "multi", "watch", "quit", "reset" -> true;
            default -> false;
        };
    }

    /** Runs a command's code (also used by EXEC for the queued ones), applying CLIENT REPLY OFF|SKIP. */
    public void call(Client c, CommandSpec spec, Args args) {
        ByteBuf buf = c.out().buffer();
        int mark = buf.writerIndex();
        try {
            spec.code().run(c, args);
        } catch (CommandError e) {
            c.out().error(e.getMessage());
        } catch (RuntimeException e) {
            // a bug must cost the command, not the connection or the data thread
            LOG.warn("KV command {} failed", spec.name(), e);
            c.out().error("ERR internal error in '" + spec.name() + "': " + e.getClass().getSimpleName());
        }
        if (c.repliesSuppressed() && c.reply.buffer() == buf) {
            buf.writerIndex(mark);
        }
        if (!inExec) {
            c.commandDone();
        }
    }

    private void reject(Client c, String message) {
        if (c.inMulti()) {
            c.multiFailed = true;
        }
        if (!c.repliesSuppressed()) {
            c.out().error(message);
        }
        c.commandDone();
    }

    /** Redis's text: name and the first arguments up to 128 characters, line breaks turned into spaces. */
    private static String unknownCommand(Args args) {
        StringBuilder rest = new StringBuilder();
        for (int i = 1; i < args.count() && rest.length() < 128; i++) {
            String arg = cString(args.string(i));
            rest.append('\'').append(arg, 0, Math.min(arg.length(), 128 - rest.length())).append("' ");
        }
        String text = "ERR unknown command '" + truncate(args.string(0)) + "', with args beginning with: " + rest;
        return text.replace('\r', ' ').replace('\n', ' ');
    }

    /** What C's %.128s prints of a binary string: up to the first NUL, at most 128 characters. */
    private static String truncate(String s) {
        String c = cString(s);
        return c.length() > 128 ? c.substring(0, 128) : c;
    }

    private static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private boolean inExec;

    /** True while EXEC runs its queued commands (blocking commands must not block then). */
    public boolean inExec() {
        return inExec;
    }

    public void beginMulti(Client c) {
        c.multiQueue = new ArrayList<>();
        c.multiFailed = false;
    }

    /** Leaves MULTI state and returns the queued commands. */
    public List<Args> endMulti(Client c) {
        List<Args> queued = c.multiQueue;
        c.multiQueue = null;
        return queued;
    }

    public boolean multiFailed(Client c) {
        boolean failed = c.multiFailed;
        c.multiFailed = false;
        return failed;
    }

    /** Runs EXEC's queued commands back to back; clients blocked on keys they filled are served afterwards. */
    public void runQueued(Client c, List<Args> queued) {
        inExec = true;
        try {
            for (Args q : queued) {
                keyspace.updateClock();
                CommandSpec spec = table.lookup(q.buffer(), q.offset(0), q.length(0));
                if (spec.hasSubcommands() && (spec.isContainer() || q.count() >= 2)) {
                    spec = spec.subcommands().get(q.string(1).toLowerCase(java.util.Locale.ROOT));
                }
                stats.commands++;
                call(c, spec, q);
            }
        } finally {
            inExec = false;
        }
    }

    public void registerAll(List<CommandSpec> specs) {
        table.addAll(specs);
    }
}

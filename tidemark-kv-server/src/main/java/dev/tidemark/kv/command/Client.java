package dev.tidemark.kv.command;

import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.protocol.RespParser;
import dev.tidemark.kv.store.ByteKey;
import dev.tidemark.kv.store.Database;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The state of one connection: protocol, selected database, authentication, transaction, subscriptions. */
public final class Client {
    /** CLIENT REPLY modes. */
    public enum ReplyMode { ON, OFF, SKIP }

    /** A key under WATCH: the entry version seen, or -1 when absent (or already expired) at WATCH time. */
    public record WatchedKey(int db, byte[] key, long version) {
    }

    final long id;
    final Connection connection;
    final Engine engine;
    final RespParser parser = new RespParser();
    final Reply reply = new Reply();
    int dbIndex;
    byte[] name;
    boolean authenticated;
    /** CLIENT REPLY state, as Redis's OFF, SKIP and SKIP_NEXT flags. */
    boolean replyOff;
    boolean replySkip;
    boolean replySkipNext;
    boolean closing;
    boolean pendingFlush;
    final long createdAt = System.currentTimeMillis();
    long lastInteraction = createdAt;
    String lastCommand = "NULL";
    boolean noEvict;
    /** Queued commands while in MULTI, null outside. */
    List<Args> multiQueue;
    boolean multiFailed;
    final List<WatchedKey> watched = new ArrayList<>();
    /** Set when a watched key was deleted since WATCH (a deletion leaves no version to compare). */
    boolean watchTouched;
    final Set<ByteKey> channels = new LinkedHashSet<>();
    final Set<ByteKey> patterns = new LinkedHashSet<>();
    /** Set while a blocking command waits; the client reads no further commands until it is served. */
    Object blockedOn;

    Client(long id, Connection connection, Engine engine, boolean authenticated) {
        this.id = id;
        this.connection = connection;
        this.engine = engine;
        this.authenticated = authenticated;
    }

    public long id() {
        return id;
    }

    public Engine engine() {
        return engine;
    }

    public Connection connection() {
        return connection;
    }

    public RespParser parser() {
        return parser;
    }

    /** The reply stream, its buffer allocated on first use and flushed at the end of the batch. */
    public Reply out() {
        if (reply.buffer() == null) {
            reply.target(connection.allocate());
        }
        if (!pendingFlush) {
            pendingFlush = true;
            engine.needsFlush(this);
        }
        return reply;
    }

    public int protocol() {
        return reply.protocol();
    }

    public void protocol(int version) {
        reply.protocol(version);
    }

    public int dbIndex() {
        return dbIndex;
    }

    public Database db() {
        return engine.keyspace().db(dbIndex);
    }

    public void select(int index) {
        dbIndex = index;
    }

    public byte[] name() {
        return name;
    }

    public void name(byte[] newName) {
        name = newName;
    }

    public boolean authenticated() {
        return authenticated;
    }

    public void authenticated(boolean on) {
        authenticated = on;
    }

    public void replyMode(ReplyMode mode) {
        switch (mode) {
            case ON -> {
                replyOff = false;
                replySkip = false;
                replySkipNext = false;
            }
            case OFF -> replyOff = true;
            case SKIP -> replySkipNext = !replyOff;
        }
    }

    boolean repliesSuppressed() {
        return replyOff || replySkip;
    }

    /** After each command: a SKIP covers exactly the next command. */
    void commandDone() {
        replySkip = replySkipNext;
        replySkipNext = false;
    }

    public boolean inMulti() {
        return multiQueue != null;
    }

    public List<WatchedKey> watched() {
        return watched;
    }

    public void watch(WatchedKey key) {
        watched.add(key);
        engine.watching(this, true);
    }

    /** Whether a watched key was deleted since WATCH. */
    public boolean watchTouched() {
        return watchTouched;
    }

    public void unwatchAll() {
        watched.clear();
        watchTouched = false;
        engine.watching(this, false);
    }

    public Set<ByteKey> channels() {
        return channels;
    }

    public Set<ByteKey> patterns() {
        return patterns;
    }

    public int subscriptionCount() {
        return channels.size() + patterns.size();
    }

    public boolean isBlocked() {
        return blockedOn != null;
    }

    public Object blockedOn() {
        return blockedOn;
    }

    public void blockedOn(Object state) {
        blockedOn = state;
    }

    public long createdAt() {
        return createdAt;
    }

    public long lastInteraction() {
        return lastInteraction;
    }

    public String lastCommand() {
        return lastCommand;
    }

    public boolean noEvict() {
        return noEvict;
    }

    public void noEvict(boolean on) {
        noEvict = on;
    }

    public boolean closing() {
        return closing;
    }

    /** Closes the connection after the replies written so far (QUIT, protocol errors, CLIENT KILL). */
    public void closeAfterReply() {
        closing = true;
        engine.needsFlush(this);
        pendingFlush = true;
    }

    /** The line CLIENT LIST and CLIENT INFO print for this client, with Redis's fields. */
    public String infoLine() {
        long now = System.currentTimeMillis();
        String flags = (isBlocked() ? "b" : "") + (inMulti() ? "x" : "") + (subscriptionCount() > 0 ? "P" : "")
            + (noEvict ? "e" : "");
        int qbuf = parser.bufferedBytes();
        return "id=" + id + " addr=" + connection.remoteAddress() + " laddr=" + connection.localAddress()
            + " fd=" + connection.descriptor() + " name=" + (name == null ? "" : dev.tidemark.kv.store.Bytes.string(name))
            + " age=" + (now - createdAt) / 1000 + " idle=" + (now - lastInteraction) / 1000
            + " flags=" + (flags.isEmpty() ? "N" : flags) + " db=" + dbIndex + " sub=" + channels.size()
            + " psub=" + patterns.size() + " ssub=0 multi=" + (inMulti() ? multiQueue.size() : -1)
            + " qbuf=" + qbuf + " qbuf-free=" + (parser.capacity() - qbuf) + " argv-mem=0 multi-mem=0 rbs=" + parser.capacity()
            + " rbp=" + parser.capacity() + " obl=0 oll=0 omem=0 tot-mem=" + (parser.capacity() + 1024) + " events=r cmd="
            + lastCommand + " user=default redir=-1 resp=" + protocol();
    }

    /** RESET: back to a fresh connection's state (the connection and its id stay). */
    public void reset() {
        engine.discardState(this);
        multiQueue = null;
        multiFailed = false;
        unwatchAll();
        dbIndex = 0;
        protocol(2);
        replyMode(ReplyMode.ON);
        noEvict = false;
        name = null;
        authenticated = engine.config().requirePass() == null;
    }

    /** Sends what this client has buffered. */
    void flush() {
        pendingFlush = false;
        var buf = reply.buffer();
        reply.target(null);
        if (buf != null) {
            if (buf.isReadable()) {
                connection.send(buf);
            } else {
                buf.release();
            }
        }
        if (closing) {
            connection.close();
        }
    }
}

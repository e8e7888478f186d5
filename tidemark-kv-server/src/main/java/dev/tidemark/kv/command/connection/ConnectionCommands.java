package dev.tidemark.kv.command.connection;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import java.security.MessageDigest;
import java.util.List;

/** PING ECHO HELLO AUTH SELECT QUIT RESET; CLIENT is in {@link ClientCommands}. */
public final class ConnectionCommands {
    /** The Redis version this server behaves as, reported by HELLO and INFO so clients pick the right features. */
    public static final String REDIS_VERSION = "7.0.15";
    private static final String C = "connection";

    private ConnectionCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
            of("ping", -1, "fast", 0, 0, 0, "@fast @connection", C, "Ping the server", ConnectionCommands::ping),
            of("echo", 2, "loading stale fast", 0, 0, 0, "@fast @connection", C, "Echo the given string", (c, a) -> c.out().bulk(a.bytes(1))),
            of("hello", -1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, "@fast @connection", C, "Handshake with Redis", ConnectionCommands::hello),
            of("auth", -2, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, "@fast @connection", C, "Authenticate to the server", ConnectionCommands::auth),
            of("select", 2, "loading stale fast", 0, 0, 0, "@fast @connection", C, "Change the selected database for the current connection", ConnectionCommands::select),
            of("quit", -1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, "@fast @connection", C, "Close the connection", (c, a) -> {
                c.out().ok();
                c.closeAfterReply();
            }),
            of("reset", 1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, "@fast @connection", C, "Reset the connection", (c, a) -> {
                c.reset();
                c.out().simple("RESET");
            }));
    }

    private static void ping(Client c, Args a) {
        if (a.count() > 2) {
            throw CommandError.wrongArgs("ping");
        }
        Reply r = c.out();
        if (c.protocol() == 2 && c.subscriptionCount() > 0) {
            r.array(2);
            r.bulk("pong");
            r.bulk(a.count() == 2 ? a.bytes(1) : new byte[0]);
        } else if (a.count() == 2) {
            r.bulk(a.bytes(1));
        } else {
            r.simple("PONG");
        }
    }

    /** Constant-time comparison so the password cannot be guessed byte by byte from response times. */
    static boolean passwordMatches(Client c, byte[] given) {
        String expected = c.engine().config().requirePass();
        if (expected == null) {
            return true;
        }
        return MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), given);
    }

    private static final CommandError WRONGPASS = new CommandError("WRONGPASS invalid username-password pair or user is disabled.");

    private static void auth(Client c, Args a) {
        if (a.count() > 3) {
            throw CommandError.SYNTAX;
        }
        if (a.count() == 2 && c.engine().config().requirePass() == null) {
            throw new CommandError("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?");
        }
        boolean userOk = a.count() == 2 || a.string(1).equals("default");
        if (!userOk || !passwordMatches(c, a.bytes(a.count() - 1))) {
            throw WRONGPASS;
        }
        c.authenticated(true);
        c.out().ok();
    }

    private static void hello(Client c, Args a) {
        int protocol = c.protocol();
        int i = 1;
        if (a.count() >= 2) {
            if (!a.isLong(1)) {
                throw new CommandError("ERR Protocol version is not an integer or out of range");
            }
            long v = a.toLong(1);
            if (v < 2 || v > 3) {
                throw new CommandError("NOPROTO unsupported protocol version");
            }
            protocol = (int) v;
            i = 2;
        }
        byte[] user = null;
        byte[] pass = null;
        byte[] name = null;
        for (; i < a.count(); i++) {
            int left = a.count() - i - 1;
            if (a.is(i, "auth") && left >= 2) {
                user = a.bytes(i + 1);
                pass = a.bytes(i + 2);
                i += 2;
            } else if (a.is(i, "setname") && left >= 1) {
                name = a.bytes(i + 1);
                i++;
            } else {
                throw new CommandError("ERR Syntax error in HELLO option '" + a.string(i) + "'");
            }
        }
        if (user != null) {
            boolean ok = dev.tidemark.kv.store.Bytes.string(user).equals("default") && passwordMatches(c, pass);
            if (!ok) {
                throw WRONGPASS;
            }
            c.authenticated(true);
        }
        if (!c.authenticated()) {
            throw new CommandError("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time");
        }
        if (name != null) {
            ClientCommands.checkName(name);
            c.name(name.length == 0 ? null : name);
        }
        c.protocol(protocol);
        Reply r = c.out();
        r.map(7);
        r.bulk("server");
        r.bulk("redis");
        r.bulk("version");
        r.bulk(REDIS_VERSION);
        r.bulk("proto");
        r.integer(protocol);
        r.bulk("id");
        r.integer(c.id());
        r.bulk("mode");
        r.bulk("standalone");
        r.bulk("role");
        r.bulk("master");
        r.bulk("modules");
        r.array(0);
    }

    private static void select(Client c, Args a) {
        if (!a.isLong(1) || a.toLong(1) < Integer.MIN_VALUE || a.toLong(1) > Integer.MAX_VALUE) {
            throw CommandError.NOT_INTEGER;
        }
        long index = a.toLong(1);
        if (index < 0 || index >= c.engine().keyspace().count()) {
            throw CommandError.DB_OUT_OF_RANGE;
        }
        c.select((int) index);
        c.out().ok();
    }
}

package dev.tidemark.kv.command.connection;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import java.util.ArrayList;
import java.util.List;

/** CLIENT ID GETNAME SETNAME INFO LIST KILL NO-EVICT REPLY PAUSE UNPAUSE UNBLOCK GETREDIR HELP. */
public final class ClientCommands {
    private static final String C = "connection";
    private static final String PLAIN = "noscript loading stale";
    private static final String ADMIN = "admin noscript loading stale";
    private static final String PLAIN_ACL = "@slow @connection";
    private static final String ADMIN_ACL = "@admin @slow @dangerous @connection";

    private ClientCommands() {
    }

    public static CommandSpec spec() {
        return CommandSpec.container("client", C, "A container for client connection commands",
            of("client|id", 2, PLAIN, 0, 0, 0, PLAIN_ACL, C, "Returns the client ID for the current connection", (c, a) -> c.out().integer(c.id())),
            of("client|getname", 2, PLAIN, 0, 0, 0, PLAIN_ACL, C, "Get the current connection name", (c, a) -> c.out().bulkOrNull(c.name())),
            of("client|setname", 3, PLAIN, 0, 0, 0, PLAIN_ACL, C, "Set the current connection name", ClientCommands::setname),
            of("client|info", 2, PLAIN, 0, 0, 0, PLAIN_ACL, C, "Returns information about the current client connection.", (c, a) -> c.out().verbatim(c.infoLine() + "\n")),
            of("client|list", -2, ADMIN, 0, 0, 0, ADMIN_ACL, C, "Get the list of client connections", ClientCommands::list),
            of("client|kill", -3, ADMIN, 0, 0, 0, ADMIN_ACL, C, "Kill the connection of a client", ClientCommands::kill),
            of("client|no-evict", 3, ADMIN, 0, 0, 0, ADMIN_ACL, C, "Set client eviction mode for the current connection", ClientCommands::noEvict),
            of("client|reply", 3, PLAIN, 0, 0, 0, PLAIN_ACL, C, "Instruct the server whether to reply to commands", ClientCommands::reply),
            of("client|pause", -3, ADMIN, 0, 0, 0, ADMIN_ACL, C, "Stop processing commands from clients for some time", ClientCommands::pause),
            of("client|unpause", 2, ADMIN, 0, 0, 0, ADMIN_ACL, C, "Resume processing of clients that were paused", (c, a) -> {
                c.engine().pause().unpause();
                c.out().ok();
            }),
            of("client|unblock", -3, ADMIN, 0, 0, 0, ADMIN_ACL, C, "Unblock a client blocked in a blocking command from a different connection", ClientCommands::unblock),
            of("client|getredir", 2, PLAIN, 0, 0, 0, PLAIN_ACL, C, "Get tracking notifications redirection client ID if any", (c, a) -> c.out().integer(-1)),
            of("client|help", 2, "loading stale", 0, 0, 0, PLAIN_ACL, C, "Show helpful text about the different subcommands", ClientCommands::help));
    }

    /** Redis accepts names of printable ASCII without spaces. */
    static void checkName(byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') {
                throw new CommandError("ERR Client names cannot contain spaces, newlines or special characters.");
            }
        }
    }

    private static void setname(Client c, Args a) {
        byte[] name = a.bytes(2);
        checkName(name);
        c.name(name.length == 0 ? null : name);
        c.out().ok();
    }

    private static boolean isPubSub(Client c) {
        return c.subscriptionCount() > 0;
    }

    private static void list(Client c, Args a) {
        List<Client> chosen = new ArrayList<>();
        if (a.count() == 2) {
            chosen.addAll(c.engine().clients().values());
        } else if (a.count() == 4 && a.is(2, "type")) {
            String type = a.string(3).toLowerCase(java.util.Locale.ROOT);
            switch (type) {
                case "normal" -> c.engine().clients().values().stream().filter(x -> !isPubSub(x)).forEach(chosen::add);
                case "pubsub" -> c.engine().clients().values().stream().filter(ClientCommands::isPubSub).forEach(chosen::add);
                case "master", "replica", "slave" -> { }
                default -> throw new CommandError("ERR Unknown client type '" + a.string(3) + "'");
            }
        } else if (a.count() > 3 && a.is(2, "id")) {
            for (int i = 3; i < a.count(); i++) {
                if (!a.isLong(i) || a.toLong(i) <= 0) {
                    throw new CommandError("ERR Invalid client ID");
                }
                Client x = c.engine().clients().get(a.toLong(i));
                if (x != null && !chosen.contains(x)) {
                    chosen.add(x);
                }
            }
        } else {
            throw CommandError.SYNTAX;
        }
        StringBuilder out = new StringBuilder();
        for (Client x : chosen) {
            out.append(x.infoLine()).append('\n');
        }
        c.out().verbatim(out.toString());
    }

    private static void kill(Client c, Args a) {
        List<Client> all = new ArrayList<>(c.engine().clients().values());
        if (a.count() == 3) {
            String addr = a.string(2);
            Client victim = all.stream().filter(x -> x.connection().remoteAddress().equals(addr)).findFirst()
                .orElseThrow(() -> new CommandError("ERR No such client"));
            victim.closeAfterReply();
            c.out().ok();
            return;
        }
        if (a.count() % 2 != 0) {
            throw CommandError.SYNTAX;
        }
        Long id = null;
        String type = null;
        String addr = null;
        String laddr = null;
        boolean skipMe = true;
        for (int i = 2; i < a.count(); i += 2) {
            String v = a.string(i + 1);
            if (a.is(i, "id")) {
                if (!a.isLong(i + 1) || a.toLong(i + 1) <= 0) {
                    throw new CommandError("ERR client-id should be greater than 0");
                }
                id = a.toLong(i + 1);
            } else if (a.is(i, "type")) {
                type = v.toLowerCase(java.util.Locale.ROOT);
                if (!List.of("normal", "pubsub", "master", "replica", "slave").contains(type)) {
                    throw new CommandError("ERR Unknown client type '" + v + "'");
                }
            } else if (a.is(i, "addr")) {
                addr = v;
            } else if (a.is(i, "laddr")) {
                laddr = v;
            } else if (a.is(i, "user")) {
                if (!v.equals("default")) {
                    throw new CommandError("ERR No such user '" + v + "'");
                }
            } else if (a.is(i, "skipme")) {
                if (v.equalsIgnoreCase("yes")) {
                    skipMe = true;
                } else if (v.equalsIgnoreCase("no")) {
                    skipMe = false;
                } else {
                    throw CommandError.SYNTAX;
                }
            } else {
                throw CommandError.SYNTAX;
            }
        }
        long killed = 0;
        for (Client x : all) {
            if ((id != null && x.id() != id)
                || (addr != null && !x.connection().remoteAddress().equals(addr))
                || (laddr != null && !x.connection().localAddress().equals(laddr))
                || (type != null && !(type.equals("normal") ? !isPubSub(x) : type.equals("pubsub") && isPubSub(x)))
                || (skipMe && x == c)) {
                continue;
            }
            x.closeAfterReply();
            killed++;
        }
        c.out().integer(killed);
    }

    private static void noEvict(Client c, Args a) {
        if (a.is(2, "on")) {
            c.noEvict(true);
        } else if (a.is(2, "off")) {
            c.noEvict(false);
        } else {
            throw CommandError.SYNTAX;
        }
        c.out().ok();
    }

    private static void reply(Client c, Args a) {
        if (a.is(2, "on")) {
            c.replyMode(Client.ReplyMode.ON);
            c.out().ok();
        } else if (a.is(2, "off")) {
            c.replyMode(Client.ReplyMode.OFF);
        } else if (a.is(2, "skip")) {
            c.replyMode(Client.ReplyMode.SKIP);
        } else {
            throw CommandError.SYNTAX;
        }
    }

    private static void pause(Client c, Args a) {
        if (!a.isLong(2)) {
            throw new CommandError("ERR timeout is not an integer or out of range");
        }
        long millis = a.toLong(2);
        if (millis < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        boolean writesOnly = false;
        if (a.count() == 4) {
            if (a.is(3, "write")) {
                writesOnly = true;
            } else if (!a.is(3, "all")) {
                throw new CommandError("ERR CLIENT PAUSE mode must be WRITE or ALL");
            }
        } else if (a.count() > 4) {
            throw CommandError.SYNTAX;
        }
        c.engine().pause().pause(millis, writesOnly);
        c.out().ok();
    }

    private static void unblock(Client c, Args a) {
        if (!a.isLong(2)) {
            throw CommandError.NOT_INTEGER;
        }
        boolean withError = false;
        if (a.count() == 4) {
            if (a.is(3, "error")) {
                withError = true;
            } else if (!a.is(3, "timeout")) {
                throw new CommandError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            }
        } else if (a.count() > 4) {
            throw CommandError.SYNTAX;
        }
        Client target = c.engine().clients().get(a.toLong(2));
        boolean done = target != null && c.engine().blocking().unblockByRequest(target, withError);
        c.out().integer(done ? 1 : 0);
    }

    private static void help(Client c, Args a) {
        String[] lines = {
            "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GETREDIR", "    Return the client ID we are redirecting to when tracking is enabled.",
            "GETNAME", "    Return the name of the current connection.",
            "ID", "    Return the ID of the current connection.",
            "INFO", "    Return information about the current client connection.",
            "KILL <ip:port>", "    Kill connection made from <ip:port>.",
            "KILL <option> <value> [<option> <value> [...]]",
            "    Kill connections. Options are:",
            "    * ADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made from the specified address",
            "    * LADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made to specified local address",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Kill connections by type.",
            "    * USER <username>",
            "      Kill connections authenticated by <username>.",
            "    * SKIPME (YES|NO)",
            "      Skip killing current connection (default: yes).",
            "LIST [options ...]", "    Return information about client connections. Options:",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Return clients of specified type.",
            "UNPAUSE", "    Stop the current client pause, resuming traffic.",
            "PAUSE <timeout> [WRITE|ALL]", "    Suspend all, or just write, clients for <timeout> milliseconds.",
            "REPLY (ON|OFF|SKIP)", "    Control the replies sent to the current connection.",
            "SETNAME <name>", "    Assign the name <name> to the current connection.",
            "UNBLOCK <clientid> [TIMEOUT|ERROR]", "    Unblock the specified blocked client.",
            "NO-EVICT (ON|OFF)", "    Protect current client connection from eviction.",
            "HELP", "    Prints this help."};
        Values.help(c, lines);
    }
}

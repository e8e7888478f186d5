package dev.tidemark.kv.command.server;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** INFO CONFIG TIME LASTSAVE; COMMAND is in {@link CommandCommands}. */
public final class ServerCommands {
    private static final String S = "server";
    private static final String ADMIN = "admin noscript loading stale";
    private static final String ADMIN_ACL = "@admin @slow @dangerous";

    private ServerCommands() {
    }

    public static List<CommandSpec> specs() {
        List<CommandSpec> specs = new ArrayList<>(List.of(
            of("info", -1, "loading stale", 0, 0, 0, "@slow @dangerous", S, "Get information and statistics about the server", (c, a) -> c.out().verbatim(Info.render(c, a))),
            of("time", 1, "loading stale fast", 0, 0, 0, "@fast", S, "Return the current server time", ServerCommands::time),
            of("lastsave", 1, "loading stale fast", 0, 0, 0, "@admin @fast @dangerous", S, "Get the UNIX time stamp of the last successful save to disk", (c, a) -> c.out().integer(c.engine().stats().lastSave)),
            CommandSpec.container("config", S, "A container for server configuration commands",
                of("config|get", -3, ADMIN, 0, 0, 0, ADMIN_ACL, S, "Get the values of configuration parameters", ServerCommands::configGet),
                of("config|set", -4, ADMIN, 0, 0, 0, ADMIN_ACL, S, "Set configuration parameters to the given values", ServerCommands::configSet),
                of("config|resetstat", 2, ADMIN, 0, 0, 0, ADMIN_ACL, S, "Reset the stats returned by INFO", (c, a) -> {
                    c.engine().stats().reset();
                    c.out().ok();
                }),
                of("config|rewrite", 2, ADMIN, 0, 0, 0, ADMIN_ACL, S, "Rewrite the configuration file with the in memory configuration", (c, a) -> {
                    throw new CommandError("ERR The server is running without a config file");
                }),
                of("config|help", 2, "loading stale", 0, 0, 0, "@slow", S, "Show helpful text about the different subcommands", ServerCommands::configHelp))));
        specs.add(CommandCommands.spec());
        return specs;
    }

    private static void time(Client c, Args a) {
        long micros = java.time.Instant.now().getEpochSecond() * 1_000_000L + java.time.Instant.now().getNano() / 1000 % 1_000_000;
        Reply r = c.out();
        r.array(2);
        r.bulkLong(micros / 1_000_000);
        r.bulkLong(micros % 1_000_000);
    }

    private static void configGet(Client c, Args a) {
        Map<String, String> found = new java.util.LinkedHashMap<>();
        for (int i = 2; i < a.count(); i++) {
            found.putAll(c.engine().config().matching(a.string(i)));
        }
        Reply r = c.out();
        r.map(found.size());
        found.forEach((k, v) -> {
            r.bulk(k);
            r.bulk(v);
        });
    }

    private static void configSet(Client c, Args a) {
        if ((a.count() - 2) % 2 != 0) {
            throw CommandError.wrongArgs("config|set");
        }
        List<String[]> pairs = new ArrayList<>();
        for (int i = 2; i < a.count(); i += 2) {
            pairs.add(new String[] {a.string(i), a.string(i + 1)});
        }
        String error = c.engine().config().set(pairs);
        if (error != null) {
            throw new CommandError(error);
        }
        c.out().ok();
    }

    private static void configHelp(Client c, Args a) {
        String[] lines = {
            "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
            "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
            "RESETSTAT", "    Reset statistics reported by the INFO command.",
            "REWRITE", "    Rewrite the configuration file.",
            "HELP", "    Prints this help."};
        Values.help(c, lines);
    }
}

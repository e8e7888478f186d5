package dev.tidemark.kv.command.server;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.Glob;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * COMMAND and its subcommands, answered from the same table dispatch uses. Key specs are derived from the
 * first/last/step positions (one range spec per command), not Redis's hand-written per-argument specs.
 */
final class CommandCommands {
    private static final String S = "server";
    private static final String FLAGS = "loading stale";
    private static final String ACL = "@slow @connection";

    private CommandCommands() {
    }

    static CommandSpec spec() {
        CommandSpec container = CommandSpec.container("command", S, "Get array of Redis command details",
            of("command|count", 2, FLAGS, 0, 0, 0, ACL, S, "Get total number of Redis commands", (c, a) -> c.out().integer(c.engine().commands().count())),
            of("command|info", -2, FLAGS, 0, 0, 0, ACL, S, "Get array of specific Redis command details, or all when no argument is given", CommandCommands::info),
            of("command|docs", -2, FLAGS, 0, 0, 0, ACL, S, "Get array of specific Redis command documentation", CommandCommands::docs),
            of("command|list", -2, FLAGS, 0, 0, 0, ACL, S, "Get an array of Redis command names", CommandCommands::list),
            of("command|getkeys", -4, FLAGS, 0, 0, 0, ACL, S, "Extract keys given a full Redis command", CommandCommands::getkeys),
            of("command|help", 2, FLAGS, 0, 0, 0, ACL, S, "Show helpful text about the different subcommands", CommandCommands::help));
        // bare COMMAND lists everything: a container whose own code runs when no subcommand is given
        return CommandSpec.containerWithDefault(container, -1, FLAGS, ACL, CommandCommands::all);
    }

    private static void all(Client c, Args a) {
        Collection<CommandSpec> specs = c.engine().commands().all();
        Reply r = c.out();
        r.array(specs.size());
        for (CommandSpec s : specs) {
            writeInfo(r, s);
        }
    }

    private static CommandSpec find(Client c, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int bar = n.indexOf('|');
        if (bar < 0) {
            return c.engine().commands().get(n);
        }
        CommandSpec container = c.engine().commands().get(n.substring(0, bar));
        return container == null ? null : container.subcommands().get(n.substring(bar + 1));
    }

    private static void info(Client c, Args a) {
        if (a.count() == 2) {
            all(c, a);
            return;
        }
        Reply r = c.out();
        r.array(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            CommandSpec s = find(c, a.string(i));
            if (s == null) {
                r.nullBulk();
            } else {
                writeInfo(r, s);
            }
        }
    }

    private static void statusSet(Reply r, List<String> items) {
        r.set(items.size());
        for (String s : items) {
            r.simple(s);
        }
    }

    static void writeInfo(Reply r, CommandSpec s) {
        r.array(10);
        r.bulk(s.name());
        r.integer(s.arity());
        statusSet(r, s.flags());
        r.integer(s.firstKey());
        r.integer(s.lastKey());
        r.integer(s.step());
        statusSet(r, s.categories());
        r.set(0);
        if (s.firstKey() > 0) {
            r.set(1);
            r.map(3);
            r.bulk("flags");
            statusSet(r, s.flags().contains("write") ? List.of("RW", "access", "update") : List.of("RO", "access"));
            r.bulk("begin_search");
            r.map(2);
            r.bulk("type");
            r.bulk("index");
            r.bulk("spec");
            r.map(1);
            r.bulk("index");
            r.integer(s.firstKey());
            r.bulk("find_keys");
            r.map(2);
            r.bulk("type");
            r.bulk("range");
            r.bulk("spec");
            r.map(3);
            r.bulk("lastkey");
            r.integer(s.lastKey() < 0 ? s.lastKey() : s.lastKey() - s.firstKey());
            r.bulk("keystep");
            r.integer(s.step());
            r.bulk("limit");
            r.integer(0);
        } else {
            r.set(0);
        }
        r.set(s.subcommands().size());
        for (CommandSpec sub : s.subcommands().values()) {
            writeInfo(r, sub);
        }
    }

    private static void writeDocs(Reply r, CommandSpec s) {
        r.bulk(s.name());
        r.map(s.subcommands().isEmpty() ? 2 : 3);
        r.bulk("summary");
        r.bulk(s.summary());
        r.bulk("group");
        r.bulk(s.group());
        if (!s.subcommands().isEmpty()) {
            r.bulk("subcommands");
            r.map(s.subcommands().size());
            for (CommandSpec sub : s.subcommands().values()) {
                writeDocs(r, sub);
            }
        }
    }

    private static void docs(Client c, Args a) {
        List<CommandSpec> chosen = new ArrayList<>();
        if (a.count() == 2) {
            chosen.addAll(c.engine().commands().all());
        } else {
            for (int i = 2; i < a.count(); i++) {
                CommandSpec s = find(c, a.string(i));
                if (s != null) {
                    chosen.add(s);
                }
            }
        }
        Reply r = c.out();
        r.map(chosen.size());
        for (CommandSpec s : chosen) {
            writeDocs(r, s);
        }
    }

    private static void list(Client c, Args a) {
        List<String> names = new ArrayList<>();
        for (CommandSpec s : c.engine().commands().all()) {
            names.add(s.name());
            for (CommandSpec sub : s.subcommands().values()) {
                names.add(sub.name());
            }
        }
        if (a.count() == 5 && a.is(2, "filterby")) {
            String value = a.string(4).toLowerCase(Locale.ROOT);
            if (a.is(3, "pattern")) {
                names.removeIf(n -> !Glob.matchesIgnoreCase(value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    n.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
            } else if (a.is(3, "aclcat")) {
                names.removeIf(n -> !find(c, n).categories().contains("@" + value));
            } else if (a.is(3, "module")) {
                names.clear();
            } else {
                throw CommandError.SYNTAX;
            }
        } else if (a.count() != 2) {
            throw CommandError.SYNTAX;
        }
        Reply r = c.out();
        r.array(names.size());
        names.forEach(r::bulk);
    }

    private static void getkeys(Client c, Args a) {
        CommandSpec s = find(c, a.string(2));
        if (s == null) {
            throw new CommandError("ERR Invalid command specified");
        }
        int argc = a.count() - 2;
        if (!s.acceptsArgumentCount(argc)) {
            throw new CommandError("ERR Invalid number of arguments specified for command");
        }
        if (s.firstKey() <= 0) {
            throw new CommandError("ERR The command has no key arguments");
        }
        int last = s.lastKey() < 0 ? argc + s.lastKey() : s.lastKey();
        Reply r = c.out();
        List<byte[]> keys = new ArrayList<>();
        for (int i = s.firstKey(); i <= last && i < argc; i += s.step()) {
            keys.add(a.bytes(2 + i));
        }
        r.array(keys.size());
        keys.forEach(r::bulk);
    }

    private static void help(Client c, Args a) {
        String[] lines = {
            "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "(no subcommand)", "    Return details about all Redis commands.",
            "COUNT", "    Return the total number of commands in this Redis server.",
            "LIST", "    Return a list of all commands in this Redis server.",
            "INFO [<command-name> ...]", "    Return details about multiple Redis commands.",
            "    If no command names are given, documentation details for all",
            "    commands are returned.",
            "DOCS [<command-name> ...]", "    Return documentation details about multiple Redis commands.",
            "    If no command names are given, documentation details for all",
            "    commands are returned.",
            "GETKEYS <full-command>", "    Return the keys from a full Redis command.",
            "HELP", "    Prints this help."};
        Values.help(c, lines);
    }
}

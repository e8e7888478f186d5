package dev.tidemark.kv.command;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of the command table: what COMMAND INFO reports (arity, flags, key positions, ACL categories) and
 * the code dispatch runs. Container commands (CLIENT, CONFIG, ...) hold their subcommands, named
 * "container|sub" as Redis names them.
 */
public final class CommandSpec {
    private final String name;
    private final int arity;
    private final List<String> flags;
    private final int firstKey;
    private final int lastKey;
    private final int step;
    private final List<String> categories;
    private final Command code;
    private final String group;
    private final String summary;
    private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();
    final boolean write;
    final boolean noAuth;
    final boolean allowedInSubscribedContext;

    private CommandSpec(String name, int arity, String flags, int firstKey, int lastKey, int step, String categories,
                        String group, String summary, Command code) {
        this.name = name;
        this.arity = arity;
        this.flags = words(flags);
        this.firstKey = firstKey;
        this.lastKey = lastKey;
        this.step = step;
        this.categories = words(categories);
        this.group = group;
        this.summary = summary;
        this.code = code;
        this.write = this.flags.contains("write");
        this.noAuth = this.flags.contains("no_auth");
        this.allowedInSubscribedContext = Set.of("ping", "subscribe", "ssubscribe", "unsubscribe", "sunsubscribe",
            "psubscribe", "punsubscribe", "quit", "reset").contains(name);
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    /**
     * A command row with the values Redis 7.0 reports for it. group and summary feed COMMAND DOCS.
     */
    public static CommandSpec of(String name, int arity, String flags, int firstKey, int lastKey, int step,
                                 String categories, String group, String summary, Command code) {
        return new CommandSpec(name, arity, flags, firstKey, lastKey, step, categories, group, summary, code);
    }

    /** A container command whose code is in its subcommands. */
    public static CommandSpec container(String name, String group, String summary, CommandSpec... subs) {
        CommandSpec c = new CommandSpec(name, -2, "", 0, 0, 0, "@slow", group, summary, null);
        for (CommandSpec s : subs) {
            c.subcommands.put(s.name.substring(name.length() + 1), s);
        }
        return c;
    }

    /**
     * A container that also runs on its own (bare COMMAND): same subcommands, its own arity, flags and code.
     */
    public static CommandSpec containerWithDefault(CommandSpec container, int arity, String flags, String categories,
                                                   Command code) {
        CommandSpec c = new CommandSpec(container.name, arity, flags, 0, 0, 0, categories, container.group,
            container.summary, code);
        c.subcommands.putAll(container.subcommands);
        return c;
    }

    public String name() {
        return name;
    }

    public int arity() {
        return arity;
    }

    public List<String> flags() {
        return flags;
    }

    public int firstKey() {
        return firstKey;
    }

    public int lastKey() {
        return lastKey;
    }

    public int step() {
        return step;
    }

    public List<String> categories() {
        return categories;
    }

    public String group() {
        return group;
    }

    public String summary() {
        return summary;
    }

    public Command code() {
        return code;
    }

    public Map<String, CommandSpec> subcommands() {
        return subcommands;
    }

    /** Whether dispatch goes to a subcommand (always for containers, when one is named for bare-capable ones). */
    public boolean isContainer() {
        return code == null;
    }

    public boolean hasSubcommands() {
        return !subcommands.isEmpty();
    }

    public boolean acceptsArgumentCount(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

}

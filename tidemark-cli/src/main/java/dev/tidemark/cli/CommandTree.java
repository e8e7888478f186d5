package dev.tidemark.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The command tree, built only as far as the command line needs it. Picocli reads every command class it is
 * given by reflection, which took most of the CLI's start-up when all of them were read on every run; a
 * command whose sibling the arguments name is left out, since that run can never reach it. Without a
 * command name at a level (no arguments, {@code --help}, a typo) every command of that level is added, so
 * usage help and suggestions list them all.
 */
final class CommandTree {
    private static final Map<String, Class<?>> TOP = commands(List.of(SnapshotCommand.class, PitrCommand.class,
            MigrateCommand.class, ServeCommand.class, ApikeyCommand.class, KeygenCommand.class));
    private static final Map<String, Class<?>> SNAPSHOT = commands(List.of(SnapshotCreateCommand.class,
            SnapshotListCommand.class, SnapshotShowCommand.class, SnapshotRestoreCommand.class,
            SnapshotVerifyCommand.class, SnapshotDeleteCommand.class, SnapshotDownloadCommand.class,
            SnapshotPruneCommand.class));
    private static final Map<String, Class<?>> PITR = commands(List.of(PitrRunCommand.class, PitrWindowCommand.class,
            PitrRestoreCommand.class));

    private CommandTree() {
    }

    static CommandLine build(CommandLine.IFactory factory, String... args) {
        CommandLine root = new CommandLine(TidemarkCommand.class, factory);
        addNeeded(root, TOP, args, 0, factory);
        return root;
    }

    private static void addNeeded(CommandLine parent, Map<String, Class<?>> commands, String[] args, int level,
                                  CommandLine.IFactory factory) {
        String named = args.length > level && commands.containsKey(args[level]) ? args[level] : null;
        commands.forEach((name, type) -> {
            if (named == null || named.equals(name)) {
                CommandLine command = new CommandLine(type, factory);
                if (type == SnapshotCommand.class) {
                    addNeeded(command, SNAPSHOT, args, level + 1, factory);
                } else if (type == PitrCommand.class) {
                    addNeeded(command, PITR, args, level + 1, factory);
                }
                parent.addSubcommand(name, command);
            }
        });
    }

    private static Map<String, Class<?>> commands(List<Class<?>> types) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> type : types) {
            byName.put(type.getAnnotation(CommandLine.Command.class).name(), type);
        }
        return byName;
    }
}

package dev.tidemark.cli;

import picocli.CommandLine.Command;

/** {@code tidemark snapshot …}: the snapshot commands, added by {@link CommandTree}. */
@Command(name = "snapshot", mixinStandardHelpOptions = true, description = "Create, list, restore and manage snapshots.")
final class SnapshotCommand {
}

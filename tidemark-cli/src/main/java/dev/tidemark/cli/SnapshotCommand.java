package dev.tidemark.cli;

import picocli.CommandLine.Command;

/** {@code tidemark snapshot …}: the snapshot commands. */
@Command(name = "snapshot", mixinStandardHelpOptions = true, description = "Create, list, restore and manage snapshots.",
        subcommands = {SnapshotCreateCommand.class, SnapshotListCommand.class, SnapshotShowCommand.class,
                SnapshotRestoreCommand.class, SnapshotVerifyCommand.class, SnapshotDeleteCommand.class,
                SnapshotDownloadCommand.class, SnapshotPruneCommand.class})
final class SnapshotCommand {
}

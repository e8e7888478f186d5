package dev.tidemark.cli;

import picocli.CommandLine.Command;

/** {@code tidemark pitr …}: point-in-time recovery, added by {@link CommandTree}. */
@Command(name = "pitr", mixinStandardHelpOptions = true,
        description = "Capture changes for point-in-time recovery, show the restorable window, restore to a point.")
final class PitrCommand {
}

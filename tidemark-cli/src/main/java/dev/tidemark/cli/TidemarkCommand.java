package dev.tidemark.cli;

import picocli.CommandLine.Command;

/** The top-level {@code tidemark} command; its subcommands are added by {@link CommandTree}. */
@Command(name = "tidemark", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Snapshots, restores and migrations of SQL databases in a portable archive format.",
        footer = {"", "Configuration comes from environment variables (docs/CONFIGURATION.md); flags override them.",
                "Exit codes are listed in docs/CLI.md."})
final class TidemarkCommand {
}

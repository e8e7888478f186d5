package dev.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree holds what a command line can reach, and everything when it names no command. */
class CommandTreeTest {
    private static CommandLine build(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        Terminal terminal = new Terminal(Map.of(), sink, sink, new ByteArrayInputStream(new byte[0]), false);
        return CommandTree.build(new Main.ContextFactory(new CliContext(terminal)), args);
    }

    @Test
    void withoutACommandNameEveryCommandIsThere() {
        for (String[] args : new String[][] {{}, {"--help"}, {"snapshto"}}) {
            CommandLine root = build(args);
            assertThat(root.getSubcommands()).containsOnlyKeys("snapshot", "pitr", "migrate", "serve", "apikey", "keygen");
            assertThat(root.getSubcommands().get("snapshot").getSubcommands())
                    .containsOnlyKeys("create", "list", "show", "restore", "verify", "delete", "download", "prune");
            assertThat(root.getSubcommands().get("pitr").getSubcommands()).containsOnlyKeys("run", "window", "restore");
        }
    }

    @Test
    void aNamedCommandIsTheOnlyOneOfItsLevel() {
        CommandLine root = build("snapshot", "restore", "ID", "--yes");
        assertThat(root.getSubcommands()).containsOnlyKeys("snapshot");
        assertThat(root.getSubcommands().get("snapshot").getSubcommands()).containsOnlyKeys("restore");
        assertThat(build("snapshot", "--help").getSubcommands().get("snapshot").getSubcommands()).hasSize(8);
        assertThat(build("apikey", "create", "x").getSubcommands().get("apikey").getSubcommands())
                .containsOnlyKeys("create", "revoke", "list");
    }

    @Test
    void aNamedCommandKeepsItsQualifiedNameForMessages() {
        CommandLine restore = build("snapshot", "restore").getSubcommands().get("snapshot").getSubcommands().get("restore");
        assertThat(restore.getCommandSpec().qualifiedName()).isEqualTo("tidemark snapshot restore");
    }
}

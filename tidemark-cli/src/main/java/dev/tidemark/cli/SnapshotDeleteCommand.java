package dev.tidemark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tidemark snapshot delete ID}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a snapshot from the storage.")
final class SnapshotDeleteCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "ID", description = "The snapshot id.")
    String id;

    SnapshotDeleteCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.tidemark().delete(id);
        context.terminal().out().println("deleted " + id);
        return 0;
    }
}

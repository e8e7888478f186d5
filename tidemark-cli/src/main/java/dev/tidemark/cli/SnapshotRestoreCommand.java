package dev.tidemark.cli;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.RestoreResult;
import dev.tidemark.engine.Tidemark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tidemark snapshot restore ID [--target CONN] [--yes] [--replace]}. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a snapshot into the configured database or the one given with --target.",
                "All or nothing: on any failure the target stays exactly as it was."})
final class SnapshotRestoreCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "ID", description = "The snapshot id.")
    String id;

    @Option(names = "--target", paramLabel = "CONN",
            description = "Connection string of the target database (default: DATABASE_URL).")
    String target;

    @Mixin
    ChangeOptions change;

    SnapshotRestoreCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Tidemark tidemark = context.tidemark();
        SnapshotEntry entry = tidemark.show(id);
        String targetName = target == null || target.isBlank() ? "the configured database " + Tidemark.describe(tidemark.config().databaseUrl())
                : Tidemark.describe(target);
        Confirmation.require(context.terminal(), change.yes, "Restore snapshot " + entry.id() + " ("
                + SnapshotListCommand.orDash(entry.tables()) + " tables) into " + targetName
                + change.questionEnding());
        JobProgress progress = new JobProgress("restore", entry.id());
        RestoreResult result = context.withProgress(progress, () -> tidemark.restore(entry.id(), target, change.replace, progress));
        context.printWarnings(result.warnings());
        if (change.json) {
            context.printJson(result);
        } else {
            context.terminal().out().printf("restored %s into %s: %d tables, %d rows%n", entry.id(), result.target(),
                    result.tables(), result.rows());
        }
        return 0;
    }
}

package dev.tidemark.cli;

import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.RestoreResult;
import dev.tidemark.engine.Tidemark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tidemark migrate --from CONN --to CONN}: snapshot and restore in one streaming pass. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Copy every table of one database into another in one streaming pass (no archive).",
                "The source is read at one consistent point; the target changes all at once or not at all."})
final class MigrateCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Option(names = "--from", paramLabel = "CONN", required = true, description = "Source connection string.")
    String from;

    @Option(names = "--to", paramLabel = "CONN", required = true, description = "Target connection string.")
    String to;

    @Mixin
    ChangeOptions change;

    MigrateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        var tidemark = context.tidemark();
        Confirmation.require(context.terminal(), change.yes, "Copy every table of " + Tidemark.describe(from)
                + " into " + Tidemark.describe(to) + change.questionEnding());
        JobProgress progress = new JobProgress("migrate", null);
        RestoreResult result = context.withProgress(progress, () -> tidemark.migrate(from, to, change.replace, progress));
        context.printWarnings(result.warnings());
        if (change.json) {
            context.printJson(result);
        } else {
            context.terminal().out().printf("migrated %d tables, %d rows into %s%n", result.tables(), result.rows(),
                    result.target());
        }
        return 0;
    }
}

package dev.tidemark.cli;

import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.PointInTimeResult;
import dev.tidemark.engine.Tidemark;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.source.SnapshotSource;
import dev.tidemark.types.CanonicalText;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tidemark pitr restore --time T | --position P [--target CONN] [--source S] [--yes] [--replace]}. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a source as it was at a point in time: its newest base before the point, then every",
                "transaction committed up to it. All or nothing, into the same or another backend."})
final class PitrRestoreCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Option(names = "--time", paramLabel = "TIME",
            description = "The point: 2026-12-03T14:05:00Z, or with an offset (+02:00); without one it is UTC.")
    String time;

    @Option(names = "--position", paramLabel = "POSITION",
            description = "The point as a position in the source's notation (a PostgreSQL LSN, a binlog file:offset).")
    String position;

    @Option(names = "--source", paramLabel = "SOURCE", description = "The snapshot source (default: main).")
    String source;

    @Option(names = "--target", paramLabel = "CONN",
            description = "Connection string of the target database (default: the source's own, e.g. DATABASE_URL).")
    String target;

    @Mixin
    ChangeOptions change;

    PitrRestoreCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Tidemark tidemark = context.tidemark();
        Instant until = time == null ? null : instant(time);
        String named = source == null ? SnapshotSource.MAIN.name() : source;
        String targetName = target == null || target.isBlank()
                ? "the configured database " + Tidemark.describe(tidemark.config().databaseUrl()) : Tidemark.describe(target);
        Confirmation.require(context.terminal(), change.yes, "Restore " + named + " as it was at "
                + (until != null ? until : "position " + position) + " into " + targetName + change.questionEnding());
        JobProgress progress = new JobProgress("pitr-restore", null);
        PointInTimeResult result = context.withProgress(progress,
                () -> tidemark.pitr().restore(named, until, position, target, change.replace, progress));
        context.printWarnings(result.restore().warnings());
        if (change.json) {
            context.printJson(result);
        } else {
            context.terminal().out().printf("restored %s as of %s into %s: base %s (%d tables, %d rows), then %d transactions"
                    + " (%d changes)%n", named, result.reached(), result.restore().target(), result.restore().snapshotId(),
                    result.restore().tables(), result.restore().rows(), result.transactions(), result.changes());
        }
        return 0;
    }

    private static Instant instant(String text) {
        try {
            return CanonicalText.parseTimestampTz(text);
        } catch (RuntimeException e) {
            throw new TidemarkException(ErrorKind.USAGE, "--time: '" + text.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a point in time", "use e.g. 2026-12-03T14:05:00Z or 2026-12-03 16:05:00+02:00");
        }
    }
}

package dev.tidemark.cli;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.engine.PruneResult;
import dev.tidemark.engine.Tidemark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tidemark snapshot prune [--dry-run]}: applies SNAPSHOTS_KEEP_LAST / SNAPSHOTS_KEEP_DAYS. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Delete the snapshots that SNAPSHOTS_KEEP_LAST and SNAPSHOTS_KEEP_DAYS let go.",
                "The newest snapshot of each source is always kept."})
final class SnapshotPruneCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Option(names = "--dry-run", description = "Only show what would be deleted.")
    boolean dryRun;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    SnapshotPruneCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Tidemark tidemark = context.tidemark();
        if (tidemark.retention().keepsEverything()) {
            context.terminal().err().println("no retention set (SNAPSHOTS_KEEP_LAST, SNAPSHOTS_KEEP_DAYS): keeping every snapshot");
        }
        PruneResult result = tidemark.prune(dryRun);
        if (json) {
            context.printJson(result);
            return 0;
        }
        String verb = dryRun ? "would delete " : "deleted ";
        for (SnapshotEntry entry : result.deleted()) {
            context.terminal().out().println(verb + entry.id());
        }
        context.terminal().err().printf("%s%d snapshot(s), keeping %d%n", verb, result.deleted().size(), result.kept());
        return 0;
    }
}

package dev.tidemark.cli;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.Tidemark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import dev.tidemark.source.SnapshotSource;

/** {@code tidemark snapshot create}: takes a snapshot and prints its id as the last line. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Take a snapshot of the main database and store it. Prints the new snapshot id as the last line.")
final class SnapshotCreateCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Option(names = "--source", paramLabel = "SOURCE", completionCandidates = SourceNames.class,
            description = "What to snapshot: ${COMPLETION-CANDIDATES} (default: main).")
    String source;

    @Option(names = "--json", description = "Print the snapshot's entry as JSON.")
    boolean json;

    SnapshotCreateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Tidemark tidemark = context.tidemark();
        JobProgress progress = new JobProgress("snapshot", null);
        SnapshotEntry entry = context.withProgress(progress, () -> tidemark.createSnapshot(source == null ? SnapshotSource.MAIN.name() : source, progress));
        context.printWarnings(entry.warnings());
        if (json) {
            context.printJson(entry);
        } else {
            if (entry.encrypted()) {
                context.terminal().err().printf("snapshot stored: encrypted to %s, %s in %s%n",
                        String.join(", ", entry.recipients()), Sizes.human(entry.size()), tidemark.storageDescription());
            } else {
                context.terminal().err().printf("snapshot stored: %d tables, %s rows, %s in %s%n", entry.tables(),
                        entry.rows(), Sizes.human(entry.size()), tidemark.storageDescription());
            }
            context.terminal().out().println(entry.id());
        }
        return 0;
    }

    /** The names of the snapshot sources, for help and completion. */
    static final class SourceNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SnapshotSource.all().stream().map(SnapshotSource::name).iterator();
        }
    }
}

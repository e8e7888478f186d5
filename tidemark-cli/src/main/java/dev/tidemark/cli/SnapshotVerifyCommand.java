package dev.tidemark.cli;

import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.VerifyResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tidemark snapshot verify ID}: reads the whole snapshot and checks every checksum. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Read a snapshot completely and check every checksum; touches no database.")
final class SnapshotVerifyCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "ID", description = "The snapshot id.")
    String id;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    SnapshotVerifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JobProgress progress = new JobProgress("verify", id);
        VerifyResult result = context.withProgress(progress, () -> context.tidemark().verify(id, progress));
        if (json) {
            context.printJson(result);
        } else {
            context.terminal().out().printf("snapshot %s is intact: %d tables, %d rows, %s of CSV in %s stored%n",
                    result.snapshotId(), result.tables(), result.rows(), Sizes.human(result.bytes()),
                    Sizes.human(result.storedBytes()));
        }
        return 0;
    }
}

package dev.tidemark.cli;

import dev.tidemark.engine.RecoveryWindow;
import dev.tidemark.source.SnapshotSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tidemark pitr window [--source S] [--json]}: the points a source can be restored to. */
@Command(name = "window", mixinStandardHelpOptions = true, description = "Show the points in time a source can be restored to.")
final class PitrWindowCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Option(names = "--source", paramLabel = "SOURCE", description = "The snapshot source (default: main).")
    String source;

    @Option(names = "--json", description = "Print the window as JSON.")
    boolean json;

    PitrWindowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        RecoveryWindow window = context.tidemark().pitr().window(source == null ? SnapshotSource.MAIN.name() : source);
        if (json) {
            context.printJson(window);
            return 0;
        }
        var out = context.terminal().out();
        if (window.spans().isEmpty()) {
            out.println(window.source() + ": nothing can be restored to a point in time yet (turn SNAPSHOTS_PITR on)");
            return 0;
        }
        out.printf("%-20s  %-30s  %-30s  %8s%n", "BASE", "FROM", "TO", "SEGMENTS");
        for (RecoveryWindow.Span span : window.spans()) {
            out.printf("%-20s  %-30s  %-30s  %8d%n", span.base().substring(0, Math.min(20, span.base().length())),
                    span.from(), span.to(), span.segments());
            if (span.gapAfter() != null) {
                out.println("  gap after it: " + span.gapAfter());
            }
        }
        return 0;
    }
}

package dev.tidemark.cli;

import dev.tidemark.catalog.SnapshotEntry;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tidemark snapshot show ID}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one snapshot.")
final class SnapshotShowCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "ID", description = "The snapshot id.")
    String id;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    SnapshotShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        SnapshotEntry e = context.tidemark().show(id);
        if (json) {
            context.printJson(e);
            return 0;
        }
        PrintStream out = context.terminal().out();
        out.println("id:        " + e.id());
        out.println("source:    " + e.source());
        out.println("backend:   " + e.backend());
        out.println("created:   " + SnapshotListCommand.TIME.format(e.createdAt()));
        out.println("size:      " + Sizes.human(e.size()) + " (" + e.size() + " bytes)");
        out.println("tables:    " + SnapshotListCommand.orDash(e.tables()));
        out.println("rows:      " + SnapshotListCommand.orDash(e.rows()));
        out.println("encrypted: " + (e.encrypted() ? "yes" : "no"));
        e.recipients().forEach(r -> out.println("recipient: " + r));
        if (e.encrypted()) {
            out.println("readable:  " + readable(e));
        }
        out.println("archive:   " + e.archive());
        out.println("sha256:    " + e.sha256());
        e.warnings().forEach(w -> out.println("warning:   " + w));
        return 0;
    }

    /** Whether the configured secret key can decrypt {@code e}, so a user knows before a restore. */
    private String readable(SnapshotEntry e) {
        List<String> keys = context.tidemark().decryptionKeys();
        if (keys.isEmpty()) {
            return "no (SNAPSHOTS_AGE_SECRET_KEY is not set)";
        }
        if (e.recipients().isEmpty()) {
            return "unknown (its recipients were not recorded)";
        }
        return keys.stream().anyMatch(e.recipients()::contains) ? "yes, with SNAPSHOTS_AGE_SECRET_KEY"
                : "no (SNAPSHOTS_AGE_SECRET_KEY belongs to " + String.join(", ", keys) + ")";
    }
}

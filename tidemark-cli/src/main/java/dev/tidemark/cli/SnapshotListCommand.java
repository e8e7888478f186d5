package dev.tidemark.cli;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.crypto.AgeKeys;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tidemark snapshot list}: the complete snapshots, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List complete snapshots, newest first.")
final class SnapshotListCommand implements Callable<Integer> {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--source", paramLabel = "main|redis", description = "Only snapshots of this source.")
    String source;

    SnapshotListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<SnapshotEntry> entries = context.tidemark().list().stream()
                .filter(e -> source == null || source.equals(e.source())).toList();
        if (json) {
            context.printJson(entries);
            return 0;
        }
        PrintStream out = context.terminal().out();
        if (entries.isEmpty()) {
            context.terminal().err().println("no snapshots in " + context.tidemark().storageDescription());
            return 0;
        }
        out.printf("%-36s %-6s %-10s %-20s %10s %7s %12s  %s%n", "ID", "SOURCE", "BACKEND", "CREATED", "SIZE", "TABLES",
                "ROWS", "ENCRYPTED TO");
        for (SnapshotEntry e : entries) {
            out.printf("%-36s %-6s %-10s %-20s %10s %7s %12s  %s%n", e.id(), e.source(), e.backend(),
                    TIME.format(e.createdAt()), Sizes.human(e.size()), orDash(e.tables()), orDash(e.rows()), keyOf(e));
        }
        return 0;
    }

    /** Which key an encrypted snapshot needs, shortened; {@code -} for a plain one. */
    static String keyOf(SnapshotEntry e) {
        if (!e.encrypted()) {
            return "-";
        }
        if (e.recipients().isEmpty()) {
            return "(unknown key)";
        }
        String first = AgeKeys.shortForm(e.recipients().get(0));
        return e.recipients().size() == 1 ? first : first + " +" + (e.recipients().size() - 1);
    }

    static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}

package dev.tidemark.cli;

import picocli.CommandLine.Option;

/** Options of the commands that write into a database (restore, migrate). */
final class ChangeOptions {
    @Option(names = "--replace", description = "Replace tables of the same names in the target (atomically).")
    boolean replace;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    /** The confirmation question's ending, which says whether tables get replaced. */
    String questionEnding() {
        return replace ? ", replacing tables of the same names?" : "?";
    }
}

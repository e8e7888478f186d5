package dev.tidemark.cli;

import picocli.CommandLine.Option;

/** Options every command accepts; each overrides the environment variable it names. */
final class GlobalOptions {
    private final CliContext context;

    GlobalOptions(CliContext context) {
        this.context = context;
    }

    @Option(names = "--debug", description = "Print stack traces of errors.")
    void debug(boolean debug) {
        context.debug(debug);
    }

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Overrides DATA_DIR.")
    void dataDir(String dir) {
        context.override("DATA_DIR", dir);
    }

    @Option(names = "--database", paramLabel = "CONN", description = "Overrides DATABASE_URL (the main database).")
    void database(String connection) {
        context.override("DATABASE_URL", connection);
    }

    @Option(names = "--storage-dir", paramLabel = "DIR", description = "Overrides SNAPSHOTS_STORAGE_LOCAL_DIR.")
    void storageDir(String dir) {
        context.override("SNAPSHOTS_STORAGE_LOCAL_DIR", dir);
    }
}

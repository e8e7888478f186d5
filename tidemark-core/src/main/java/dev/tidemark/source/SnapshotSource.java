package dev.tidemark.source;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.util.List;
import java.util.Optional;

/**
 * A named thing Tidemark takes snapshots of: the application's main SQL database or its Redis-compatible KV
 * store. The CLI's {@code --source}, the API's {@code source}, snapshot ids, schedules and the status page all
 * read the sources and their variables from here.
 *
 * @param name               as written in snapshot ids, manifests, {@code --source} and the API
 * @param connectionVariable the variable holding its connection string
 * @param scheduleVariable   the variable holding its cron schedule
 * @param label              how the admin page names it
 * @param description        how messages name it, e.g. "snapshot of the main database"
 */
public record SnapshotSource(String name, String connectionVariable, String scheduleVariable, String label,
                             String description) {
    /** The application's main SQL database. */
    public static final SnapshotSource MAIN = new SnapshotSource("main", "DATABASE_URL", "SNAPSHOTS_MAIN_SCHEDULE",
            "Main database",
            "the main database");
    /** The application's Redis-compatible KV store (Redis, Valkey, or the built-in store). */
    public static final SnapshotSource REDIS = new SnapshotSource("redis", "REDIS_URL", "SNAPSHOTS_REDIS_SCHEDULE",
            "Redis", "the KV store");

    private static final List<SnapshotSource> ALL = List.of(MAIN, REDIS);

    /** Every source, main first. */
    public static List<SnapshotSource> all() {
        return ALL;
    }

    /** The source called {@code name}, if there is one. */
    public static Optional<SnapshotSource> named(String name) {
        return ALL.stream().filter(source -> source.name.equals(name)).findFirst();
    }

    /**
     * The source called {@code name}.
     *
     * @throws TidemarkException USAGE naming the sources there are
     */
    public static SnapshotSource require(String name) {
        return named(name).orElseThrow(() -> new TidemarkException(ErrorKind.USAGE,
                "unknown snapshot source '" + (name == null ? "" : name.replaceAll("[^\\x20-\\x7e]", "?")) + "'",
                "use one of: " + String.join(", ", ALL.stream().map(SnapshotSource::name).toList())));
    }
}

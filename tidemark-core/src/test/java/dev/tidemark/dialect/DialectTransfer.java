package dev.tidemark.dialect;

import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.tidemark.source.InMemoryRows;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.Position;
import dev.tidemark.source.KeyRange;

/**
 * Moves a whole database from one dialect to another through the SPI, the way a snapshot followed by a
 * restore does, with the rows held in memory instead of an archive.
 */
public final class DialectTransfer {
    private DialectTransfer() {
    }

    /** What a transfer saw: the snapshot's schema, warnings of both sides and the exported rows per table. */
    public record Result(Schema schema, List<String> snapshotWarnings, List<String> restoreWarnings,
                         Map<String, InMemoryRows> rows, Position position) {
    }

    /** Snapshots {@code source} and returns the schema and every table's rows. */
    public static Result export(Dialect source, SnapshotMode mode) throws Exception {
        try (SnapshotSession snapshot = source.openSnapshot(mode, 1)) {
            Map<String, InMemoryRows> rows = new LinkedHashMap<>();
            for (Table table : snapshot.schema().tables()) {
                InMemoryRows tableRows = new InMemoryRows();
                snapshot.exportTable(table, KeyRange.ALL, tableRows);
                rows.put(table.name(), tableRows);
            }
            return new Result(snapshot.schema(), snapshot.warnings(), List.of(), rows, snapshot.position());
        }
    }

    /** Restores an exported result into {@code target} in one all-or-nothing session. */
    public static Result restore(Result exported, Dialect target, boolean replace) throws Exception {
        List<String> warnings = new ArrayList<>();
        try (RestoreSession restore = target.openRestore(1)) {
            warnings.addAll(restore.prepare(exported.schema(), replace));
            for (Table table : exported.schema().tables()) {
                long loaded = restore.load(table, exported.rows().get(table.name()).source());
                if (loaded != exported.rows().get(table.name()).size()) {
                    throw new AssertionError("loaded " + loaded + " rows into " + table.name() + ", expected "
                            + exported.rows().get(table.name()).size());
                }
            }
            restore.finish(exported.schema());
            restore.commit();
        }
        return new Result(exported.schema(), exported.snapshotWarnings(), warnings, exported.rows(),
                exported.position());
    }

    public static Result transfer(Dialect source, Dialect target) throws Exception {
        return restore(export(source, SnapshotMode.READ_ONLY), target, false);
    }
}

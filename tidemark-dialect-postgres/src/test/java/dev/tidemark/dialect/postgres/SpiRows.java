package dev.tidemark.dialect.postgres;

import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSource;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.tidemark.source.KeyRange;

/** Drives the dialect SPI the way the engine does, with rows held in lists (small fixtures only). */
final class SpiRows {
    private SpiRows() {
    }

    /** A snapshot's schema, warnings and every table's rows. */
    record Exported(Schema schema, List<String> warnings, Map<String, List<String[]>> rows) {
    }

    static Exported export(PostgresDialect dialect, SnapshotMode mode) throws Exception {
        try (SnapshotSession session = dialect.openSnapshot(mode, 1)) {
            Map<String, List<String[]>> rows = new LinkedHashMap<>();
            for (Table table : session.schema().tables()) {
                List<String[]> tableRows = new ArrayList<>();
                session.exportTable(table, KeyRange.ALL, values -> tableRows.add(values.clone()));
                rows.put(table.name(), tableRows);
            }
            return new Exported(session.schema(), session.warnings(), rows);
        }
    }

    /** Restores and commits; returns the restore's warnings. */
    static List<String> restore(PostgresDialect dialect, Schema schema, Map<String, List<String[]>> rows, boolean replace)
            throws Exception {
        return restore(dialect, schema, rows, replace, 1);
    }

    /** As {@link #restore(PostgresDialect, Schema, Map, boolean)}, on a session of the given parallelism. */
    static List<String> restore(PostgresDialect dialect, Schema schema, Map<String, List<String[]>> rows, boolean replace,
                                int parallelism) throws Exception {
        try (RestoreSession session = dialect.openRestore(parallelism)) {
            List<String> warnings = session.prepare(schema, replace);
            for (Table table : schema.tables()) {
                session.load(table, source(rows.getOrDefault(table.name(), List.of())));
            }
            session.finish(schema);
            session.commit();
            return warnings;
        }
    }

    static RowSource source(List<String[]> rows) {
        Iterator<String[]> iterator = rows.iterator();
        return () -> iterator.hasNext() ? iterator.next() : null;
    }
}

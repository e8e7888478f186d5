package dev.tidemark.dialect.mysql;

import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSource;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import dev.tidemark.source.KeyRange;

/** Moves rows between sessions through the SPI alone, as the engine does, keeping them in a list. */
final class SpiRows {
    private SpiRows() {
    }

    static List<String[]> export(SnapshotSession session, Table table) throws Exception {
        List<String[]> rows = new ArrayList<>();
        session.exportTable(table, KeyRange.ALL, values -> rows.add(values.clone()));
        return rows;
    }

    static RowSource source(List<String[]> rows) {
        Iterator<String[]> iterator = rows.iterator();
        return () -> iterator.hasNext() ? iterator.next() : null;
    }

    /** Snapshot of everything in {@code session}, restored through {@code restore}; returns prepare's warnings. */
    static List<String> copy(SnapshotSession session, RestoreSession restore, boolean replace) throws Exception {
        Schema schema = session.schema();
        List<String> warnings = restore.prepare(schema, replace);
        for (Table table : schema.tables()) {
            List<String[]> rows = export(session, table);
            long loaded = restore.load(table, source(rows));
            if (loaded != rows.size()) {
                throw new AssertionError("loaded " + loaded + " of " + rows.size() + " rows of " + table.name());
            }
        }
        restore.finish(schema);
        restore.commit();
        return warnings;
    }
}

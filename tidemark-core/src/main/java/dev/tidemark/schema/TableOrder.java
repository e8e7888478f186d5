package dev.tidemark.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Orders tables so that referenced tables come before the tables referencing them (see {@link Schema}). */
public final class TableOrder {
    private TableOrder() {
    }

    /**
     * Depth-first over foreign keys, otherwise keeping the given order. Cycles are broken where they are
     * found; self references are ignored.
     *
     * @param nameKey how the backend compares table names, e.g. lower-casing for case-insensitive ones
     */
    public static List<Table> referencedFirst(List<Table> tables, UnaryOperator<String> nameKey) {
        Map<String, Table> byName = new LinkedHashMap<>();
        for (Table table : tables) {
            byName.put(nameKey.apply(table.name()), table);
        }
        List<Table> ordered = new ArrayList<>(tables.size());
        Set<String> done = new HashSet<>();
        Set<String> inProgress = new HashSet<>();
        for (Table table : tables) {
            visit(table, byName, nameKey, done, inProgress, ordered);
        }
        return ordered;
    }

    private static void visit(Table table, Map<String, Table> byName, UnaryOperator<String> nameKey, Set<String> done,
                              Set<String> inProgress, List<Table> ordered) {
        String key = nameKey.apply(table.name());
        if (done.contains(key) || !inProgress.add(key)) {
            return;
        }
        for (ForeignKey fk : table.foreignKeys()) {
            Table referenced = byName.get(nameKey.apply(fk.referencedTable()));
            if (referenced != null) {
                visit(referenced, byName, nameKey, done, inProgress, ordered);
            }
        }
        inProgress.remove(key);
        done.add(key);
        ordered.add(table);
    }
}

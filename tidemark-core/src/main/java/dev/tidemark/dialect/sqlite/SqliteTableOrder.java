package dev.tidemark.dialect.sqlite;

import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Orders tables so that referenced tables come before the tables referencing them. */
final class SqliteTableOrder {
    private SqliteTableOrder() {
    }

    /**
     * Depth-first over foreign keys, otherwise keeping the given (creation) order. Cycles are broken
     * where they are found; self references are ignored.
     */
    static List<Table> referencedFirst(List<Table> tables) {
        Map<String, Table> byName = new LinkedHashMap<>();
        for (Table table : tables) {
            byName.put(key(table.name()), table);
        }
        List<Table> ordered = new ArrayList<>(tables.size());
        Set<String> done = new HashSet<>();
        Set<String> inProgress = new HashSet<>();
        for (Table table : tables) {
            visit(table, byName, done, inProgress, ordered);
        }
        return ordered;
    }

    private static void visit(Table table, Map<String, Table> byName, Set<String> done, Set<String> inProgress,
                              List<Table> ordered) {
        String key = key(table.name());
        if (done.contains(key) || !inProgress.add(key)) {
            return;
        }
        for (ForeignKey fk : table.foreignKeys()) {
            Table referenced = byName.get(key(fk.referencedTable()));
            if (referenced != null) {
                visit(referenced, byName, done, inProgress, ordered);
            }
        }
        inProgress.remove(key);
        done.add(key);
        ordered.add(table);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

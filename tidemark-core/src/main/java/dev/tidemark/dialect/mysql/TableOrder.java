package dev.tidemark.dialect.mysql;

import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Orders tables so referenced tables come before the tables referencing them (cycles keep their order). */
final class TableOrder {
    private TableOrder() {
    }

    static List<Table> sort(List<Table> tables) {
        Map<String, Table> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        List<Table> sorted = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        for (Table table : tables) {
            visit(table, byName, done, visiting, sorted);
        }
        return sorted;
    }

    private static void visit(Table table, Map<String, Table> byName, Set<String> done, Set<String> visiting,
                              List<Table> sorted) {
        if (done.contains(table.name()) || !visiting.add(table.name())) {
            return;
        }
        for (ForeignKey fk : table.foreignKeys()) {
            Table referenced = byName.get(fk.referencedTable());
            if (referenced != null && referenced != table) {
                visit(referenced, byName, done, visiting, sorted);
            }
        }
        visiting.remove(table.name());
        done.add(table.name());
        sorted.add(table);
    }
}

package dev.tidemark.archive;

import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Index;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code header.json}'s schema must hold beyond its JSON shape (docs/FORMAT.md §3): distinct table names,
 * distinct column names within a table, and keys and indexes that name columns of their own table. Every source database
 * gives a schema like that, so a header that breaks a rule was changed after it was written, and is refused
 * before a restore writes anything.
 */
final class SchemaCheck {
    private SchemaCheck() {
    }

    /** @throws TidemarkException ARCHIVE_INVALID naming the table and the rule it breaks */
    static void requireConsistent(Schema schema, String entry) {
        Set<String> tables = new HashSet<>();
        for (Table table : schema.tables()) {
            String where = entry + ": table " + ArchiveLayout.printable(table.name());
            if (!tables.add(table.name())) {
                throw invalid(where + " appears twice");
            }
            Set<String> columns = new HashSet<>();
            for (Column column : table.columns()) {
                if (!columns.add(column.name())) {
                    throw invalid(where + " has two columns named " + ArchiveLayout.printable(column.name()));
                }
            }
            requireColumns(where, "primary key", table.primaryKey(), columns);
            for (List<String> unique : table.uniqueKeys()) {
                requireColumns(where, "unique key", unique, columns);
            }
            for (Index index : table.indexes()) {
                requireColumns(where, "index " + ArchiveLayout.printable(index.name()), index.columns(), columns);
            }
            for (ForeignKey fk : table.foreignKeys()) {
                String key = fk.name() == null ? "a foreign key" : "foreign key " + ArchiveLayout.printable(fk.name());
                if (fk.columns().isEmpty()) {
                    throw invalid(where + ": " + key + " has no columns");
                }
                requireColumns(where, key, fk.columns(), columns);
            }
        }
    }

    private static void requireColumns(String where, String what, List<String> named, Set<String> columns) {
        for (String column : named) {
            if (!columns.contains(column)) {
                throw invalid(where + ": " + what + " names column " + ArchiveLayout.printable(column)
                        + ", which the table does not have");
            }
        }
    }

    private static TidemarkException invalid(String message) {
        return ArchiveFailures.invalid("archive is corrupt: " + message);
    }
}

package dev.tidemark.archive;

import java.util.List;

/**
 * The data of one table in an archive: its parts in order. Every table of the schema has at least one
 * part, even when it has no rows.
 *
 * @param name  the table name as in the schema
 * @param rows  the sum of the parts' rows
 * @param parts the parts in archive order
 */
public record TableContents(String name, long rows, List<PartInfo> parts) {
    public TableContents {
        parts = List.copyOf(parts);
    }
}

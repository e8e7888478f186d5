package dev.tidemark.archive;

import java.util.List;

/**
 * The authoritative description of an archive, written as its last entry {@code manifest.json}. In
 * the JSON the header's fields appear at the top level, followed by {@code tables}, {@code totalRows}
 * and {@code totalBytes} (docs/FORMAT.md).
 *
 * @param header     the same header as {@code header.json}
 * @param tables     one entry per schema table, in schema order
 * @param totalRows  the sum of all tables' rows
 * @param totalBytes the sum of all parts' uncompressed bytes
 */
public record Manifest(SnapshotHeader header, List<TableContents> tables, long totalRows, long totalBytes) {
    public Manifest {
        tables = List.copyOf(tables);
    }
}

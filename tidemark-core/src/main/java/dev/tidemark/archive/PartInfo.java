package dev.tidemark.archive;

/**
 * One CSV part of a table as listed in {@code manifest.json}.
 *
 * @param path   the entry name inside the archive, e.g. {@code data/0001-users/00001.csv}
 * @param rows   data records in the part (the header row is not counted)
 * @param bytes  the part's uncompressed size in bytes, header row included
 * @param sha256 lowercase hex SHA-256 of exactly those bytes
 */
public record PartInfo(String path, long rows, long bytes, String sha256) {
}

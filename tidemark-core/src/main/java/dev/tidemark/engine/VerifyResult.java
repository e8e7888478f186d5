package dev.tidemark.engine;

/**
 * A snapshot that was read completely and matched every checksum.
 *
 * @param snapshotId the snapshot
 * @param tables     tables in it
 * @param rows       rows in it
 * @param bytes      uncompressed CSV bytes
 * @param storedBytes size of the stored archive
 */
public record VerifyResult(String snapshotId, int tables, long rows, long bytes, long storedBytes) {
}

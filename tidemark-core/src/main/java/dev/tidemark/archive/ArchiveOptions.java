package dev.tidemark.archive;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How an archive is written.
 *
 * @param compressionLevel zstd level (1 fastest … 19 smallest; 3 is zstd's own default)
 * @param partSizeBytes    a table's CSV is cut into a new part once the current part reaches this many
 *                         uncompressed bytes; the cut is always at a record boundary, so a part exceeds
 *                         the bound by at most one record
 * @param spoolDir         directory for the temporary file each part is staged in before it goes into the
 *                         archive (tar needs every entry's size before its bytes); needs room for one part.
 *                         The staged file is encrypted with a key held only in memory ({@code SpoolCipher}),
 *                         readable by its owner only, and deleted as soon as the part is stored
 * @param compressionWorkers threads zstd compresses on besides the writing thread; 0 compresses on the
 *                         writing thread. The archive holds one zstd frame either way (zstd's multi-threaded
 *                         mode cuts the input into jobs but emits a single frame)
 */
public record ArchiveOptions(int compressionLevel, long partSizeBytes, Path spoolDir, int compressionWorkers) {
    public static final int DEFAULT_COMPRESSION_LEVEL = 3;
    public static final long DEFAULT_PART_SIZE_BYTES = 64L * 1024 * 1024;

    public ArchiveOptions {
        if (partSizeBytes < 1) {
            throw new IllegalArgumentException("partSizeBytes must be positive: " + partSizeBytes);
        }
        Objects.requireNonNull(spoolDir, "spoolDir");
        if (compressionWorkers < 0) {
            throw new IllegalArgumentException("compressionWorkers must not be negative: " + compressionWorkers);
        }
    }

    /** Options that compress on the writing thread. */
    public ArchiveOptions(int compressionLevel, long partSizeBytes, Path spoolDir) {
        this(compressionLevel, partSizeBytes, spoolDir, 0);
    }

    /** zstd level 3, 64 MiB parts, spooling in {@code java.io.tmpdir}. */
    public static ArchiveOptions defaults() {
        return new ArchiveOptions(DEFAULT_COMPRESSION_LEVEL, DEFAULT_PART_SIZE_BYTES,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    public ArchiveOptions withPartSizeBytes(long newPartSizeBytes) {
        return new ArchiveOptions(compressionLevel, newPartSizeBytes, spoolDir, compressionWorkers);
    }

    public ArchiveOptions withSpoolDir(Path newSpoolDir) {
        return new ArchiveOptions(compressionLevel, partSizeBytes, newSpoolDir, compressionWorkers);
    }

    public ArchiveOptions withCompressionWorkers(int newCompressionWorkers) {
        return new ArchiveOptions(compressionLevel, partSizeBytes, spoolDir, newCompressionWorkers);
    }

    public ArchiveOptions withCompressionLevel(int newCompressionLevel) {
        return new ArchiveOptions(newCompressionLevel, partSizeBytes, spoolDir, compressionWorkers);
    }
}

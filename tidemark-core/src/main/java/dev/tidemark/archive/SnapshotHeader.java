package dev.tidemark.archive;

import dev.tidemark.schema.Schema;
import dev.tidemark.source.Position;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an archive holds, as written to {@code header.json} (first entry) and repeated in
 * {@code manifest.json} (last entry). See docs/FORMAT.md.
 *
 * @param format           always {@value #FORMAT}
 * @param formatVersion    the archive format's major version; readers reject versions they do not know
 * @param snapshotId       the snapshot's id, also the archive's file name stem
 * @param source           {@code main} (the SQL database) or {@code redis} (the KV store)
 * @param backend          backend name, e.g. {@code postgresql}
 * @param backendVersion   backend name and server version as the source reported it
 * @param createdAt        when the snapshot was taken
 * @param position         where in the source's history the snapshot was taken ({@code consistencyPoint} in the
 *                         JSON), or null when the backend has none
 * @param schema           the tables in restore order; data parts follow this order
 * @param warnings         things the user should know about the snapshot, each naming the object
 */
public record SnapshotHeader(String format, int formatVersion, String snapshotId, String source,
                             String backend, String backendVersion, Instant createdAt,
                             Position position, Schema schema, List<String> warnings) {

    /** The value of {@link #format()} in every Tidemark archive. */
    public static final String FORMAT = "tidemark-archive";
    /** The format version this code writes and the only one it reads. */
    public static final int CURRENT_VERSION = 1;

    public SnapshotHeader {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(schema, "schema");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A header of the current format version ({@value #FORMAT} version {@value #CURRENT_VERSION}). */
    public static SnapshotHeader v1(String snapshotId, String source, String backend, String backendVersion,
                                    Instant createdAt, Position position, Schema schema,
                                    List<String> warnings) {
        return new SnapshotHeader(FORMAT, CURRENT_VERSION, snapshotId, source, backend, backendVersion,
                createdAt, position, schema, warnings);
    }
}

package dev.tidemark.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the catalog knows about one complete snapshot; stored as the JSON index entry
 * {@code index/<id>.json}, which is written only after the archive is stored.
 *
 * @param id            the snapshot id, see {@link SnapshotId}
 * @param source        {@code main} or {@code redis}
 * @param backend       the backend it was taken from, e.g. {@code postgresql}
 * @param createdAt     when the snapshot was started
 * @param archive       the storage object holding the archive
 * @param size          the archive's size in bytes as stored
 * @param sha256        lower-case hex SHA-256 of the archive's stored bytes (after encryption)
 * @param encrypted     whether the archive is age-encrypted
 * @param tables        number of tables (or keys' databases for Redis), null when not disclosed
 * @param rows          number of rows (or keys), null when not disclosed
 * @param formatVersion the archive format version
 * @param warnings      what the user should know about this snapshot, e.g. columns carried as text;
 *                      empty for encrypted snapshots, whose warnings would name tables
 * @param recipients    the age public keys ({@code age1…}) an encrypted archive was encrypted to, so the
 *                      user knows which secret key restores it; empty for plain archives or when unknown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotEntry(String id, String source, String backend, Instant createdAt, String archive, long size,
        String sha256, boolean encrypted, Integer tables, Long rows, int formatVersion, List<String> warnings,
        List<String> recipients) {

    /** The archive format version this build writes. */
    public static final int CURRENT_FORMAT_VERSION = 1;

    public SnapshotEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(sha256, "sha256");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** An entry without recorded recipients (plain archives, or encrypted ones of unknown recipients). */
    public SnapshotEntry(String id, String source, String backend, Instant createdAt, String archive, long size,
            String sha256, boolean encrypted, Integer tables, Long rows, int formatVersion, List<String> warnings) {
        this(id, source, backend, createdAt, archive, size, sha256, encrypted, tables, rows, formatVersion, warnings,
                List.of());
    }

    /** The id, parsed. */
    @JsonIgnore
    public SnapshotId snapshotId() {
        return SnapshotId.parse(id);
    }
}

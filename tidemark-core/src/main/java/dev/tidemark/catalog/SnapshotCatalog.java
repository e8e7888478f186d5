package dev.tidemark.catalog;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.storage.NoSuchObjectException;
import dev.tidemark.storage.ObjectNames;
import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.StoredObject;
import dev.tidemark.storage.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tidemark's layout of snapshots on top of any {@link SnapshotStorage}:
 * <ul>
 *   <li>{@code snapshots/<id>.tar.zst} (or {@code .tar.zst.age} when encrypted) holds the archive;</li>
 *   <li>{@code index/<id>.json} holds its {@link SnapshotEntry}, written only after the archive is stored.</li>
 * </ul>
 * A snapshot is listed only when both exist, so a crash never leaves a half snapshot that looks whole.
 * An archive without index entry is incomplete and removed by {@link #cleanupIncomplete()}; deleting
 * removes the index entry first, so a snapshot is never listed half-deleted.
 */
public final class SnapshotCatalog {
    /** Incomplete archives younger than this may still be getting their index entry; cleanup leaves them. */
    public static final Duration INCOMPLETE_AGE = Duration.ofHours(1);

    static final String ARCHIVES = "snapshots/";
    static final String INDEX = "index/";
    private static final String PLAIN_SUFFIX = ".tar.zst";
    private static final String ENCRYPTED_SUFFIX = ".tar.zst.age";
    private static final String INDEX_SUFFIX = ".json";
    private static final String LIST_HINT = "run `tidemark snapshot list`";
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCatalog.class);

    private final SnapshotStorage storage;
    private final Clock clock;

    public SnapshotCatalog(SnapshotStorage storage) {
        this(storage, Clock.systemUTC());
    }

    /** A catalog judging the age of incomplete archives by {@code clock}. */
    public SnapshotCatalog(SnapshotStorage storage, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SnapshotStorage storage() {
        return storage;
    }

    /** The object name of the archive of {@code id}. */
    public static String archiveName(SnapshotId id, boolean encrypted) {
        return ARCHIVES + id.value() + (encrypted ? ENCRYPTED_SUFFIX : PLAIN_SUFFIX);
    }

    /** Starts storing the archive of a new snapshot; it is listed once {@link PendingSnapshot#commit} returns. */
    public PendingSnapshot begin(SnapshotId id, boolean encrypted) throws IOException {
        String archive = archiveName(id, encrypted);
        Upload upload = storage.create(archive);
        return new PendingSnapshot(this, id, encrypted, List.of(), archive, upload);
    }

    /**
     * Starts storing the age-encrypted archive of a new snapshot whose index entry will name
     * {@code recipients}, the public keys it is encrypted to (stored as {@code .tar.zst.age}).
     *
     * @param recipients one or more {@code age1…} public keys; the caller encrypts the bytes it writes
     */
    public PendingSnapshot beginEncrypted(SnapshotId id, List<String> recipients) throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an encrypted snapshot needs at least one recipient");
        }
        String archive = archiveName(id, true);
        Upload upload = storage.create(archive);
        return new PendingSnapshot(this, id, true, recipients, archive, upload);
    }

    /** Every complete snapshot, newest first. Unreadable index entries are skipped with a warning in the log. */
    public List<SnapshotEntry> list() throws IOException {
        Set<String> archives = new HashSet<>();
        for (StoredObject archive : storage.list(ARCHIVES)) {
            archives.add(archive.name());
        }
        List<SnapshotEntry> entries = new ArrayList<>();
        for (StoredObject indexObject : storage.list(INDEX)) {
            Optional<SnapshotId> id = idOf(indexObject.name(), INDEX, INDEX_SUFFIX);
            if (id.isEmpty()) {
                continue;
            }
            Optional<SnapshotEntry> entry = readListedEntry(id.get());
            if (entry.isPresent() && archives.contains(entry.get().archive())) {
                entries.add(entry.get());
            }
        }
        entries.sort(Comparator.comparing(SnapshotEntry::createdAt).thenComparing(SnapshotEntry::id).reversed());
        return entries;
    }

    /** The complete snapshots of {@code source}, newest first. */
    public List<SnapshotEntry> list(String source) throws IOException {
        return list().stream().filter(entry -> entry.source().equals(source)).toList();
    }

    /**
     * The complete snapshot {@code id}.
     *
     * @throws TidemarkException {@link ErrorKind#NOT_FOUND} when there is no such complete snapshot,
     *         {@link ErrorKind#ARCHIVE_INVALID} when its index entry is unreadable
     */
    public SnapshotEntry get(String id) throws IOException {
        SnapshotId snapshotId = SnapshotId.parse(id);
        SnapshotEntry entry = readEntry(snapshotId).orElseThrow(() -> notFound(snapshotId));
        if (storage.stat(entry.archive()).isEmpty()) {
            throw notFound(snapshotId);
        }
        return entry;
    }

    /**
     * Opens the stored archive bytes of {@code entry} (encrypted if the entry says so).
     *
     * @throws TidemarkException {@link ErrorKind#NOT_FOUND} when the archive has disappeared
     */
    public InputStream openArchive(SnapshotEntry entry) throws IOException {
        try {
            return storage.open(entry.archive());
        } catch (NoSuchObjectException e) {
            throw notFound(SnapshotId.parse(entry.id()));
        }
    }

    /**
     * Deletes snapshot {@code id}: the index entry first, so it is never listed half-deleted, then the
     * archive. Also removes a snapshot whose archive is already missing.
     *
     * @throws TidemarkException {@link ErrorKind#NOT_FOUND} when no index entry exists for {@code id}
     */
    public void delete(String id) throws IOException {
        SnapshotId snapshotId = SnapshotId.parse(id);
        String indexName = indexName(snapshotId);
        if (storage.stat(indexName).isEmpty()) {
            throw notFound(snapshotId);
        }
        Optional<String> archive;
        try {
            archive = readEntry(snapshotId).map(SnapshotEntry::archive);
        } catch (TidemarkException unreadable) {
            archive = Optional.empty();
        }
        storage.delete(indexName);
        if (archive.isPresent()) {
            storage.delete(archive.get());
        } else {
            storage.delete(archiveName(snapshotId, false));
            storage.delete(archiveName(snapshotId, true));
        }
    }

    /**
     * Removes what interrupted snapshots left behind: archives without index entry that are older than
     * {@link #INCOMPLETE_AGE}, index entries older than that whose archive is gone, and the storage's own
     * unfinished uploads ({@link SnapshotStorage#cleanupIncomplete()}).
     *
     * @return how many archives, index entries and unfinished uploads were removed
     */
    public int cleanupIncomplete() throws IOException {
        Instant cutoff = clock.instant().minus(INCOMPLETE_AGE);
        List<StoredObject> archives = storage.list(ARCHIVES);
        List<StoredObject> indexEntries = storage.list(INDEX);
        Set<SnapshotId> indexed = new HashSet<>();
        for (StoredObject entry : indexEntries) {
            idOf(entry.name(), INDEX, INDEX_SUFFIX).ifPresent(indexed::add);
        }
        Set<SnapshotId> archived = new HashSet<>();
        int removed = 0;
        for (StoredObject archive : archives) {
            Optional<SnapshotId> id = archiveId(archive.name());
            id.ifPresent(archived::add);
            if (id.isPresent() && !indexed.contains(id.get()) && archive.modified().isBefore(cutoff)) {
                storage.delete(archive.name());
                removed++;
            }
        }
        for (StoredObject entry : indexEntries) {
            Optional<SnapshotId> id = idOf(entry.name(), INDEX, INDEX_SUFFIX);
            if (id.isPresent() && !archived.contains(id.get()) && entry.modified().isBefore(cutoff)) {
                storage.delete(entry.name());
                removed++;
            }
        }
        return removed + storage.cleanupIncomplete();
    }

    void writeIndexEntry(SnapshotEntry entry) throws IOException {
        try (Upload upload = storage.create(indexName(SnapshotId.parse(entry.id())))) {
            OutputStream out = upload.stream();
            out.write(SnapshotEntryJson.write(entry));
            upload.commit();
        }
    }

    void deleteArchiveQuietly(String archive) {
        try {
            storage.delete(archive);
        } catch (IOException e) {
            LOG.warn("could not remove the unlisted archive {} ({}); cleanup will remove it", archive, e.getMessage());
        }
    }

    private Optional<SnapshotEntry> readListedEntry(SnapshotId id) throws IOException {
        try {
            return readEntry(id);
        } catch (TidemarkException unreadable) {
            LOG.warn("{}; it is not listed", unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** The index entry of {@code id}, empty when there is none. */
    private Optional<SnapshotEntry> readEntry(SnapshotId id) throws IOException {
        byte[] json;
        try (InputStream in = storage.open(indexName(id))) {
            json = in.readAllBytes();
        } catch (NoSuchObjectException e) {
            return Optional.empty();
        }
        SnapshotEntry entry;
        try {
            entry = SnapshotEntryJson.read(json);
        } catch (IOException e) {
            throw unreadable(id, e);
        }
        if (!entry.id().equals(id.value())) {
            throw unreadable(id, null);
        }
        String expected = archiveName(id, entry.encrypted());
        if (!entry.archive().equals(expected)) {
            // the entry names the only object it may read: a path outside the catalog, or another snapshot's
            // archive, is refused on every storage before the storage sees it
            throw new TidemarkException(ErrorKind.ARCHIVE_INVALID, "the index entry of snapshot " + id + " in "
                    + storage.describe() + " names the archive '" + ObjectNames.printable(entry.archive()) + "' instead of " + expected,
                    "delete the snapshot with `tidemark snapshot delete " + id + "`");
        }
        return Optional.of(entry);
    }

    private TidemarkException unreadable(SnapshotId id, IOException cause) {
        return new TidemarkException(ErrorKind.ARCHIVE_INVALID,
                "the index entry of snapshot " + id + " in " + storage.describe() + " is unreadable",
                "delete the snapshot with `tidemark snapshot delete " + id + "`", cause);
    }

    private TidemarkException notFound(SnapshotId id) {
        return new TidemarkException(ErrorKind.NOT_FOUND, "no snapshot " + id + " in " + storage.describe(), LIST_HINT);
    }

    private static String indexName(SnapshotId id) {
        return INDEX + id.value() + INDEX_SUFFIX;
    }

    private static Optional<SnapshotId> archiveId(String name) {
        Optional<SnapshotId> encrypted = idOf(name, ARCHIVES, ENCRYPTED_SUFFIX);
        return encrypted.isPresent() ? encrypted : idOf(name, ARCHIVES, PLAIN_SUFFIX);
    }

    /** The id in {@code prefix<id>suffix}, empty for objects that are not the catalog's. */
    private static Optional<SnapshotId> idOf(String name, String prefix, String suffix) {
        if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length() <= prefix.length() + suffix.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SnapshotId.parse(name.substring(prefix.length(), name.length() - suffix.length())));
        } catch (TidemarkException notAnId) {
            return Optional.empty();
        }
    }
}

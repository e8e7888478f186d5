package dev.tidemark.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tidemark.storage.NoSuchObjectException;
import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.StoredObject;
import dev.tidemark.storage.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Tidemark's layout of change logs on top of any {@link SnapshotStorage}, beside the snapshots of
 * {@link SnapshotCatalog}: the changes captured after a base snapshot, for point-in-time recovery.
 * <ul>
 *   <li>{@code changes/<source>/<base>/<sequence>.csv.zst} (or {@code .csv.zst.age}) holds one segment;</li>
 *   <li>{@code changes/<source>/<base>/<sequence>.json} holds its {@link ChangeSegmentEntry}, written after it:
 *       a segment without its entry is not part of the log;</li>
 *   <li>{@code changes/<source>/<base>/progress.json} holds the {@link CaptureProgress}, replaced as the capture
 *       goes on.</li>
 * </ul>
 * Sequence numbers are written with ten digits, so that the storage's name order is the log's order.
 */
public final class ChangeLog {
    static final String ROOT = "changes/";
    private static final String ENTRY_SUFFIX = ".json";
    private static final String PROGRESS = "progress.json";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(SnapshotEntryJson.instantsAsIsoStrings())
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final SnapshotStorage storage;

    public ChangeLog(SnapshotStorage storage) {
        this.storage = storage;
    }

    /** Where the segments of {@code base} go. */
    static String folder(String source, String base) {
        return ROOT + source + "/" + SnapshotId.parse(base).value() + "/";
    }

    /**
     * Stores one segment, then its index entry. {@code bytes} are the segment as it is to be kept (encrypted
     * already when {@code encrypted}).
     */
    public ChangeSegmentEntry store(String source, String base, long sequence, byte[] bytes, boolean encrypted,
                                    List<String> recipients, String positionKind, String first, String last,
                                    Instant firstCommit, Instant lastCommit, long transactions, long changes)
            throws IOException {
        String stem = folder(source, base) + String.format("%010d", sequence);
        String name = stem + (encrypted ? ".csv.zst.age" : ".csv.zst");
        put(name, bytes);
        ChangeSegmentEntry entry = new ChangeSegmentEntry(source, base, sequence, name, positionKind, first, last,
                firstCommit, lastCommit, transactions, changes, bytes.length, sha256(bytes), encrypted, recipients);
        put(stem + ENTRY_SUFFIX, MAPPER.writeValueAsBytes(entry));
        return entry;
    }

    /** Replaces the progress of the log of {@code progress.base()}. */
    public void saveProgress(CaptureProgress progress) throws IOException {
        put(folder(progress.source(), progress.base()) + PROGRESS, MAPPER.writeValueAsBytes(progress));
    }

    /** The progress of the log of {@code base}, if its capture ever stored one. */
    public Optional<CaptureProgress> progress(String source, String base) throws IOException {
        try (InputStream in = storage.open(folder(source, base) + PROGRESS)) {
            return Optional.of(MAPPER.readValue(in, CaptureProgress.class));
        } catch (NoSuchObjectException e) {
            return Optional.empty();
        }
    }

    /** The segments stored after {@code base}, in order; the log ends before the first missing sequence number. */
    public List<ChangeSegmentEntry> segments(String source, String base) throws IOException {
        List<ChangeSegmentEntry> segments = new ArrayList<>();
        for (StoredObject object : storage.list(folder(source, base))) {
            String name = object.name();
            if (name.endsWith(ENTRY_SUFFIX) && !name.endsWith(PROGRESS)) {
                try (InputStream in = storage.open(name)) {
                    ChangeSegmentEntry entry = MAPPER.readValue(in, ChangeSegmentEntry.class);
                    if (entry.sequence() != segments.size() + 1) {
                        break;
                    }
                    segments.add(entry);
                }
            }
        }
        return segments;
    }

    /** The stored bytes of a segment. */
    public InputStream open(ChangeSegmentEntry entry) throws IOException {
        return storage.open(entry.segment());
    }

    /** Removes the change log of {@code base}: entries first, so no segment is listed without its bytes. */
    public void deleteBase(String source, String base) throws IOException {
        List<StoredObject> objects = storage.list(folder(source, base));
        for (StoredObject object : objects) {
            if (object.name().endsWith(ENTRY_SUFFIX)) {
                storage.delete(object.name());
            }
        }
        for (StoredObject object : objects) {
            storage.delete(object.name());
        }
    }

    private void put(String name, byte[] bytes) throws IOException {
        Upload upload = storage.create(name);
        try {
            upload.stream().write(bytes);
            upload.commit();
        } finally {
            upload.abort();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

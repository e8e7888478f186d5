package dev.tidemark.archive;

import com.github.luben.zstd.ZstdInputStream;
import dev.tidemark.archive.ArchiveFailures.SourceStream;
import dev.tidemark.archive.ArchiveLayout.PartLocation;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Table;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an archive (format v1, docs/FORMAT.md) as a stream, in one pass: the header first, then the
 * data parts in archive order, then the manifest, against which everything read is verified. A restore
 * loads the parts as they arrive and commits only after {@link #finish()} has returned.
 *
 * <p>Every problem with the archive itself is a {@link TidemarkException} of kind
 * {@link dev.tidemark.error.ErrorKind#ARCHIVE_INVALID} with a one-line message; an {@link IOException}
 * thrown by the caller's stream is passed through unchanged. Not thread-safe.
 */
public final class ArchiveReader implements Closeable {
    /** header.json and manifest.json are held in memory; no genuine one comes near this size. */
    private static final long MAX_METADATA_BYTES = 256L * 1024 * 1024;

    private static final byte[] ZSTD_MAGIC = {(byte) 0x28, (byte) 0xB5, (byte) 0x2F, (byte) 0xFD};
    private static final byte[] AGE_MAGIC = "age-encryption.org/v1".getBytes(StandardCharsets.US_ASCII);

    private final SourceStream source;
    private final ZstdInputStream zstd;
    private final TarArchiveInputStream tar;
    private SnapshotHeader header;
    private List<Table> tables;
    private final List<List<PartInfo>> partsRead = new ArrayList<>();
    private final Set<String> pathsRead = new HashSet<>();
    private PartReader currentPart;
    private int lastTable;
    private int lastPart;
    private String lastPath;
    private Manifest manifest;
    private Manifest verified;
    private boolean closed;

    private ArchiveReader(SourceStream source, InputStream compressed) throws IOException {
        this.source = source;
        this.zstd = new ZstdInputStream(compressed);
        this.tar = new TarArchiveInputStream(zstd, StandardCharsets.UTF_8.name());
    }

    /**
     * Opens an archive and reads and validates {@code header.json}, which must be its first entry.
     * {@link #close()} closes {@code in}; so does a failed open.
     *
     * @param in the archive's bytes ({@code .tar.zst}, already decrypted)
     * @throws TidemarkException ARCHIVE_INVALID when the archive is not a readable format v1 archive,
     *                           KEY when it is still age-encrypted
     * @throws IOException       when {@code in} itself fails
     */
    public static ArchiveReader open(InputStream in) throws IOException {
        SourceStream source = new SourceStream(in);
        ArchiveReader reader = null;
        try {
            reader = new ArchiveReader(source, checkMagic(source));
            reader.readHeader();
            return reader;
        } catch (SourceStream.SourceFailure e) {
            abandon(reader, in);
            throw e.original();
        } catch (IOException | RuntimeException e) {
            // anything from reading the header has already been put in the archive's terms
            abandon(reader, in);
            throw e;
        }
    }

    /** Tells files that are not zstd streams (an encrypted snapshot, another file) from damaged archives. */
    private static InputStream checkMagic(SourceStream source) throws IOException {
        PushbackInputStream in = new PushbackInputStream(source, AGE_MAGIC.length);
        byte[] start = in.readNBytes(AGE_MAGIC.length);
        in.unread(start);
        if (start.length == 0) {
            throw ArchiveFailures.invalid("archive is empty: the file has no bytes");
        }
        if (Arrays.equals(start, AGE_MAGIC)) {
            throw new TidemarkException(ErrorKind.KEY, "the snapshot is age-encrypted and must be decrypted before it is read",
                    "set SNAPSHOTS_AGE_SECRET_KEY, or decrypt it with age -d -i key.txt");
        }
        if (start.length < ZSTD_MAGIC.length && Arrays.equals(start, Arrays.copyOf(ZSTD_MAGIC, start.length))) {
            throw ArchiveFailures.invalid("archive is truncated: it ends before header.json");
        }
        if (start.length < ZSTD_MAGIC.length || !Arrays.equals(Arrays.copyOf(start, ZSTD_MAGIC.length), ZSTD_MAGIC)) {
            throw ArchiveFailures.invalid("the file is not a Tidemark archive: it is not zstd-compressed");
        }
        return in;
    }

    private static void abandon(ArchiveReader reader, InputStream in) {
        if (reader != null) {
            reader.close();
            return;
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // the open has already failed; that failure is what the caller needs to see
        }
    }

    /** The snapshot's header as read from {@code header.json}. */
    public SnapshotHeader header() {
        return header;
    }

    /**
     * Moves to the next data part, reading (hashing and counting) whatever of the previous part was not
     * read. Tables come in schema order, parts of a table in order.
     *
     * @return the next part, or null once {@code manifest.json} has been reached
     */
    public ArchivePart nextPart() throws IOException {
        checkOpen();
        endCurrentPart();
        if (manifest != null) {
            return null;
        }
        TarArchiveEntry entry = nextEntry(lastPath);
        if (entry == null) {
            throw ArchiveFailures.invalid("archive is truncated: it ends before manifest.json");
        }
        String name = entry.getName();
        if (name.equals(ArchiveLayout.MANIFEST)) {
            manifest = ArchiveJson.parseManifest(readSmallEntry(entry));
            if (lastTable < tables.size()) {
                throw ArchiveFailures.invalid("archive is corrupt: it has no data for table "
                        + tables.get(lastTable).name() + " (expected " + ArchiveLayout.partPath(lastTable + 1,
                        tables.get(lastTable).name(), 1) + ")");
            }
            return null;
        }
        if (name.equals(ArchiveLayout.HEADER)) {
            throw ArchiveFailures.invalid("archive is corrupt: it holds a second header.json");
        }
        PartLocation location = ArchiveLayout.parsePartPath(name);
        if (location == null) {
            throw ArchiveFailures.invalid("archive is corrupt: unexpected entry '" + ArchiveLayout.printable(name) + "'");
        }
        Table table = checkPartOrder(name, location);
        lastPath = name;
        try {
            currentPart = new PartReader(this, table, location.partNumber(), name, tar);
        } catch (IOException e) {
            throw failure(e, name);
        }
        return currentPart;
    }

    /**
     * Reads the rest of the archive and verifies it against {@code manifest.json}: every listed part is
     * present and every present part listed, SHA-256, byte and row counts match, the manifest's header
     * equals {@code header.json}, and nothing follows the manifest. Idempotent.
     *
     * @return the verified manifest
     * @throws TidemarkException ARCHIVE_INVALID naming the first mismatch
     */
    public Manifest finish() throws IOException {
        checkOpen();
        if (verified != null) {
            return verified;
        }
        while (nextPart() != null) {
            // nextPart() drains and records each part
        }
        TarArchiveEntry after = nextEntry(null);
        if (after != null) {
            throw ArchiveFailures.invalid("archive is corrupt: entry '" + ArchiveLayout.printable(after.getName())
                    + "' follows manifest.json");
        }
        drainToEnd();
        ManifestCheck.verify(header, manifest, partsRead);
        verified = manifest;
        return verified;
    }

    /** Releases the decompressor and closes the underlying stream. Idempotent; never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            tar.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing useful can be done after reading has stopped
        }
    }

    /** The archive's view of a failure while reading {@code where}. */
    IOException failure(Throwable e, String where) throws IOException {
        return ArchiveFailures.rethrow(e, source, where);
    }

    private void readHeader() throws IOException {
        TarArchiveEntry first = nextEntry(null);
        if (first == null) {
            throw ArchiveFailures.invalid("archive is empty or not a Tidemark archive: it has no header.json");
        }
        if (!first.getName().equals(ArchiveLayout.HEADER)) {
            throw ArchiveFailures.invalid("archive is corrupt: it starts with '" + ArchiveLayout.printable(first.getName())
                    + "' instead of header.json");
        }
        header = ArchiveJson.parseHeader(readSmallEntry(first), ArchiveLayout.HEADER);
        SchemaCheck.requireConsistent(header.schema(), ArchiveLayout.HEADER);
        tables = header.schema().tables();
        for (int i = 0; i < tables.size(); i++) {
            partsRead.add(new ArrayList<>());
        }
    }

    private Table checkPartOrder(String name, PartLocation location) {
        int number = location.tableNumber();
        if (number < 1 || number > tables.size()) {
            throw ArchiveFailures.invalid("archive is corrupt: " + name + " names table " + number
                    + " but the schema has " + tables.size() + " tables");
        }
        Table table = tables.get(number - 1);
        if (!name.equals(ArchiveLayout.partPath(number, table.name(), location.partNumber()))) {
            throw ArchiveFailures.invalid("archive is corrupt: " + name + " does not match table " + number
                    + " (" + ArchiveLayout.partPath(number, table.name(), location.partNumber()) + ")");
        }
        if (pathsRead.contains(name)) {
            throw ArchiveFailures.invalid("archive is corrupt: duplicate part " + name);
        }
        boolean nextInTable = number == lastTable && location.partNumber() == lastPart + 1;
        boolean firstOfNextTable = number == lastTable + 1 && location.partNumber() == 1;
        if (!nextInTable && !firstOfNextTable) {
            if (number > lastTable + 1 && location.partNumber() == 1) {
                Table skipped = tables.get(lastTable);
                throw ArchiveFailures.invalid("archive is corrupt: it has no data for table " + skipped.name()
                        + " (expected " + ArchiveLayout.partPath(lastTable + 1, skipped.name(), 1) + ")");
            }
            throw ArchiveFailures.invalid("archive is corrupt: parts out of order: " + name
                    + (lastPath == null ? " is the first part" : " follows " + lastPath));
        }
        lastTable = number;
        lastPart = location.partNumber();
        pathsRead.add(name);
        return table;
    }

    private void endCurrentPart() throws IOException {
        if (currentPart != null) {
            PartReader part = currentPart;
            currentPart = null;
            partsRead.get(lastTable - 1).add(part.drain());
        }
    }

    private TarArchiveEntry nextEntry(String previous) throws IOException {
        TarArchiveEntry entry;
        try {
            entry = tar.getNextEntry();
        } catch (IOException | RuntimeException e) {
            throw failure(e, previous);
        }
        if (entry == null) {
            return null;
        }
        String name = entry.getName();
        String unsafe = ArchiveLayout.unsafeNameReason(name);
        if (unsafe != null) {
            throw ArchiveFailures.invalid("archive is corrupt: entry '" + ArchiveLayout.printable(name)
                    + "' is not allowed because " + unsafe);
        }
        if (!entry.isFile() || entry.isLink() || entry.isSymbolicLink()) {
            throw ArchiveFailures.invalid("archive is corrupt: entry '" + ArchiveLayout.printable(name)
                    + "' is not a regular file");
        }
        return entry;
    }

    private byte[] readSmallEntry(TarArchiveEntry entry) throws IOException {
        if (entry.getSize() > MAX_METADATA_BYTES) {
            throw ArchiveFailures.invalid("archive is corrupt: " + entry.getName() + " is implausibly large ("
                    + entry.getSize() + " bytes)");
        }
        try {
            byte[] content = tar.readAllBytes();
            if (content.length != entry.getSize()) {
                throw ArchiveFailures.invalid("archive is truncated: it ends inside " + entry.getName());
            }
            return content;
        } catch (IOException | RuntimeException e) {
            throw failure(e, entry.getName());
        }
    }

    /** Reads past the tar end to the end of the zstd frame, so its checksum is checked. */
    private void drainToEnd() throws IOException {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = zstd.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != 0) {
                        throw ArchiveFailures.invalid("archive is corrupt: it has data after the end of the tar stream");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw failure(e, ArchiveLayout.MANIFEST);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the archive reader is closed");
        }
    }
}

package dev.tidemark.archive;

import com.github.luben.zstd.ZstdOutputStream;
import dev.tidemark.schema.Table;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes one snapshot archive (format v1, docs/FORMAT.md) to a stream: {@code header.json}, then every
 * table's CSV parts in schema order, then {@code manifest.json}, as a tar stream in one zstd frame with
 * a content checksum. Not thread-safe; tables are written one after another, either through
 * {@link #beginTable} or as parts staged elsewhere (possibly on other threads, see {@link SegmentWriter})
 * and then appended in order with {@link #append} and {@link #endTable}.
 *
 * <pre>{@code
 * try (var archive = new ArchiveWriter(out, header, ArchiveOptions.defaults())) {
 *     for (Table table : header.schema().tables()) {
 *         try (TableWriter rows = archive.beginTable(table)) {
 *             session.exportTable(table, KeyRange.ALL, rows);
 *         }
 *     }
 *     Manifest manifest = archive.finish();
 * }
 * }</pre>
 */
public final class ArchiveWriter implements Closeable {
    private static final int FILE_MODE = 0100644;

    private final SnapshotHeader header;
    private final ArchiveOptions options;
    private final ArchiveProgress progress;
    private final OutputShield shield;
    private final TarArchiveOutputStream tar;
    private final List<TableContents> tables = new ArrayList<>();
    private final List<PartInfo> openParts = new ArrayList<>();
    private int openTable = -1;
    private long openRows;
    private TableWriter currentWriter;
    private boolean finished;
    private boolean closed;

    /**
     * Starts the archive and writes {@code header.json} immediately. Does not close {@code out} on
     * {@link #finish()} or {@link #close()}.
     *
     * @throws IllegalArgumentException when the header is not of format version 1
     * @throws UncheckedIOException     when writing to {@code out} fails
     */
    public ArchiveWriter(OutputStream out, SnapshotHeader header, ArchiveOptions options) {
        this(out, header, options, null);
    }

    /** As {@link #ArchiveWriter(OutputStream, SnapshotHeader, ArchiveOptions)}, reporting progress to {@code progress} (may be null). */
    public ArchiveWriter(OutputStream out, SnapshotHeader header, ArchiveOptions options, ArchiveProgress progress) {
        Objects.requireNonNull(out, "out");
        this.header = Objects.requireNonNull(header, "header");
        this.options = Objects.requireNonNull(options, "options");
        this.progress = progress;
        if (!SnapshotHeader.FORMAT.equals(header.format()) || header.formatVersion() != SnapshotHeader.CURRENT_VERSION) {
            throw new IllegalArgumentException("this writer writes " + SnapshotHeader.FORMAT + " version "
                    + SnapshotHeader.CURRENT_VERSION + ", not " + header.format() + " version " + header.formatVersion());
        }
        this.shield = new OutputShield(out);
        this.tar = openTar(shield, options);
        try {
            writeSmallEntry(ArchiveLayout.HEADER, ArchiveJson.headerBytes(header));
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? new UncheckedIOException("cannot start the snapshot archive: " + io.getMessage(), io)
                    : (RuntimeException) e;
        }
    }

    private static TarArchiveOutputStream openTar(OutputStream out, ArchiveOptions options) {
        try {
            ZstdOutputStream zstd = new ZstdOutputStream(out, options.compressionLevel());
            if (options.compressionWorkers() > 0) {
                zstd.setWorkers(options.compressionWorkers());
            }
            // the frame checksum lets any zstd tool (and our reader) detect a damaged file
            zstd.setChecksum(true);
            TarArchiveOutputStream tar = new TarArchiveOutputStream(zstd, StandardCharsets.UTF_8.name());
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            return tar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the snapshot archive: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the rows of {@code table}, which must be the next table of {@code header.schema().tables()}.
     *
     * @throws IllegalStateException when the previous table is still being written, the archive is finished,
     *                               or the table is not the next one in schema order
     */
    public TableWriter beginTable(Table table) {
        checkWritable();
        if (currentWriter != null || openTable >= 0) {
            throw new IllegalStateException("table " + (currentWriter != null ? currentWriter.table().name()
                    : header.schema().tables().get(openTable).name()) + " is still being written");
        }
        checkNextInOrder(table);
        currentWriter = new TableWriter(this, table, options, progress);
        return currentWriter;
    }

    /**
     * Appends a completed part of {@code table} under the table's next part number, and deletes its staging
     * file (also when appending fails). The first part of a table opens it; {@link #endTable} closes it.
     *
     * @throws IllegalStateException when another table is open or {@code table} is not the next in schema order
     */
    public void append(Table table, StagedPart part) throws IOException {
        try {
            checkWritable();
            openIfNext(table);
            String path = ArchiveLayout.partPath(openTable + 1, table.name(), openParts.size() + 1);
            tar.putArchiveEntry(entry(path, part.bytes()));
            try (InputStream plain = part.read()) {
                plain.transferTo(tar);
            }
            tar.closeArchiveEntry();
            openParts.add(new PartInfo(path, part.rows(), part.bytes(), part.sha256()));
            openRows += part.rows();
        } finally {
            part.discard();
        }
    }

    /**
     * Ends {@code table}: after this no further part of it may be appended. A table that received no part
     * gets one holding only the header row.
     */
    public void endTable(Table table) throws IOException {
        checkWritable();
        openIfNext(table);
        if (openParts.isEmpty()) {
            append(table, SegmentWriter.headerOnlyPart(table, options));
        }
        tables.add(new TableContents(table.name(), openRows, List.copyOf(openParts)));
        openTable = -1;
        openParts.clear();
        openRows = 0;
        if (currentWriter != null && currentWriter.table().equals(table)) {
            currentWriter = null;
        }
    }

    private void openIfNext(Table table) {
        if (openTable >= 0) {
            Table open = header.schema().tables().get(openTable);
            if (!open.equals(table)) {
                throw new IllegalStateException("table " + open.name() + " is still being written; got a part of "
                        + table.name());
            }
            return;
        }
        checkNextInOrder(table);
        openTable = tables.size();
    }

    private void checkNextInOrder(Table table) {
        List<Table> schemaTables = header.schema().tables();
        int index = tables.size();
        if (index >= schemaTables.size() || !schemaTables.get(index).equals(table)) {
            String expected = index < schemaTables.size() ? schemaTables.get(index).name() : "no further table";
            throw new IllegalStateException("tables must be written in schema order: expected " + expected
                    + ", got " + table.name());
        }
    }

    /**
     * Writes {@code manifest.json}, ends the tar stream and the zstd frame, and flushes {@code out}.
     *
     * @return what was written
     * @throws IllegalStateException when a table is still open or a schema table was not written
     */
    public Manifest finish() throws IOException {
        checkWritable();
        if (currentWriter != null || openTable >= 0) {
            throw new IllegalStateException("table " + (currentWriter != null ? currentWriter.table().name()
                    : header.schema().tables().get(openTable).name()) + " is still being written");
        }
        List<Table> schemaTables = header.schema().tables();
        if (tables.size() < schemaTables.size()) {
            throw new IllegalStateException("table " + schemaTables.get(tables.size()).name() + " was not written");
        }
        long totalRows = 0;
        long totalBytes = 0;
        for (TableContents table : tables) {
            totalRows += table.rows();
            totalBytes += table.parts().stream().mapToLong(PartInfo::bytes).sum();
        }
        Manifest manifest = new Manifest(header, tables, totalRows, totalBytes);
        writeSmallEntry(ArchiveLayout.MANIFEST, ArchiveJson.manifestBytes(manifest));
        tar.finish();
        tar.close();
        finished = true;
        return manifest;
    }

    /** Deletes staged parts and releases native compressor memory if {@link #finish()} was not reached. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (currentWriter != null) {
            currentWriter.discard();
            currentWriter = null;
        }
        if (!finished) {
            // the archive is incomplete and worthless; stop anything more from reaching the caller's stream
            shield.discard();
            try {
                tar.close();
            } catch (IOException | RuntimeException ignored) {
                // nothing useful can be done with an abandoned archive
            }
        }
    }

    private void writeSmallEntry(String name, byte[] content) throws IOException {
        tar.putArchiveEntry(entry(name, content.length));
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private TarArchiveEntry entry(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setMode(FILE_MODE);
        // fixed metadata: the same snapshot always yields the same tar stream
        entry.setModTime(header.createdAt().toEpochMilli());
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        return entry;
    }

    private void checkWritable() {
        if (finished || closed) {
            throw new IllegalStateException("the archive is already " + (finished ? "finished" : "closed"));
        }
    }

    /** Keeps the caller's stream open when the compressor closes, and can cut it off for an abandoned archive. */
    private static final class OutputShield extends FilterOutputStream {
        private boolean discarding;

        OutputShield(OutputStream out) {
            super(out);
        }

        void discard() {
            discarding = true;
        }

        @Override
        public void write(int b) throws IOException {
            if (!discarding) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!discarding) {
                out.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!discarding) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

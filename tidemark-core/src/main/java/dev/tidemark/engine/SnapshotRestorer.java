package dev.tidemark.engine;

import dev.tidemark.archive.ArchivePart;
import dev.tidemark.archive.ArchiveReader;
import dev.tidemark.archive.Manifest;
import dev.tidemark.archive.TableContents;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.source.CsvImport;
import dev.tidemark.source.Connector;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Restores one snapshot into one database, all or nothing: rows stream from the archive into an open
 * restore transaction, and it commits only after the whole archive has been read and every checksum
 * matched.
 */
final class SnapshotRestorer {
    private final int parallelism;

    /** @param parallelism parts loaded at once where the target allows it ({@code SNAPSHOTS_PARALLELISM}) */
    SnapshotRestorer(int parallelism) {
        this.parallelism = parallelism;
    }

    RestoreResult restore(SnapshotEntry entry, VerifiedArchive verified, Connector target, boolean replace,
                          JobProgress progress) {
        return restore(entry, verified, target, replace, progress, null);
    }

    /**
     * Changes applied after the base is loaded and indexed, inside the same all-or-nothing restore: point-in-time
     * recovery.
     */
    interface Replay {
        /** Fails before anything is written when the target cannot apply changes. */
        void check(RestoreSession session);

        /** Applies the changes; a failure rolls the whole restore back. */
        void apply(RestoreSession session, JobProgress progress) throws Exception;
    }

    /** {@link #restore(SnapshotEntry, VerifiedArchive, Connector, boolean, JobProgress)}, then {@code replay}. */
    RestoreResult restore(SnapshotEntry entry, VerifiedArchive verified, Connector target, boolean replace,
                          JobProgress progress, Replay replay) {
        String operation = "restore of " + entry.id() + " into " + target.describe();
        progress.bytesTotal(entry.size());
        try (ArchiveReader reader = verified.openReader();
             RestoreSession session = target.openRestore(parallelism)) {
            Schema schema = reader.header().schema();
            if (replay != null) {
                replay.check(session);
            }
            List<String> warnings = new ArrayList<>(session.prepare(schema, replace));
            progress.phase(Phase.LOADING);
            int loaders = Math.min(parallelism, session.parallelism());
            Map<String, Long> loaded = loaders > 1 ? loadInParallel(reader, session, loaders, progress)
                    : loadInOrder(reader, session, progress);
            progress.phase(Phase.VERIFYING);
            Manifest manifest = reader.finish();
            verified.finish();
            requireAllRowsLoaded(manifest, loaded);
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("the restore was interrupted");
            }
            progress.phase(Phase.INDEXING);
            session.finish(schema);
            if (replay != null) {
                progress.phase(Phase.REPLAYING);
                replay.apply(session, progress);
            }
            progress.phase(Phase.COMMITTING);
            session.commit();
            progress.phase(Phase.DONE);
            return new RestoreResult(entry.id(), target.describe(), schema.tables().size(), manifest.totalRows(), warnings);
        } catch (Exception e) {
            throw Failures.map(e, operation, ErrorKind.STORAGE);
        }
    }

    private static Map<String, Long> loadInOrder(ArchiveReader reader, RestoreSession session, JobProgress progress)
            throws Exception {
        Map<String, Long> loaded = new HashMap<>();
        for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
            progress.table(part.tableName());
            long rows = load(session, part.table(), part);
            progress.addRows(rows);
            loaded.merge(part.tableName(), rows, Long::sum);
        }
        return loaded;
    }

    private Map<String, Long> loadInParallel(ArchiveReader reader, RestoreSession session, int loaders,
                                             JobProgress progress) throws Exception {
        try (ParallelLoad load = new ParallelLoad(session, loaders, progress)) {
            for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
                load.submit(part);
            }
            return load.finish();
        }
    }

    /** The archive's CSV bytes go straight to the target when its session can take them as they are. */
    private static long load(RestoreSession session, Table table, ArchivePart part) throws Exception {
        Optional<CsvImport> csvImport = session.csvImport(table);
        if (csvImport.isPresent()) {
            // decompressing, hashing and checking the records run on their own thread, beside the COPY
            try (ReadAheadInputStream records = new ReadAheadInputStream(part.csvRecords(), "tidemark-read")) {
                return csvImport.get().load(table, new InterruptibleStream(records));
            }
        }
        return session.load(table, new InterruptibleRows(part.rows()));
    }

    /** Lets a restore on the CSV path notice an interrupt, as {@link InterruptibleRows} does for rows. */
    private static final class InterruptibleStream extends FilterInputStream {
        InterruptibleStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            checkInterrupt();
            return in.read(target, offset, length);
        }

        @Override
        public int read() throws IOException {
            checkInterrupt();
            return in.read();
        }

        /** Keeps the source's own transfer, which hands out its buffers without copying them. */
        @Override
        public long transferTo(OutputStream out) throws IOException {
            return in.transferTo(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    checkInterrupt();
                    out.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    checkInterrupt();
                    out.write(bytes, offset, length);
                }
            });
        }

        private static void checkInterrupt() throws InterruptedIOException {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("the restore was interrupted");
            }
        }
    }

    private static void requireAllRowsLoaded(Manifest manifest, Map<String, Long> loaded) {
        for (TableContents table : manifest.tables()) {
            long actual = loaded.getOrDefault(table.name(), 0L);
            if (actual != table.rows()) {
                throw new TidemarkException(ErrorKind.DATABASE_ERROR, "table " + table.name() + ": the target accepted "
                        + actual + " of " + table.rows() + " rows", "nothing was committed; check the target's constraints");
            }
        }
    }
}

package dev.tidemark.engine;

import dev.tidemark.archive.ArchiveOptions;
import dev.tidemark.archive.ArchiveWriter;
import dev.tidemark.archive.Manifest;
import dev.tidemark.archive.SnapshotHeader;
import dev.tidemark.catalog.PendingSnapshot;
import dev.tidemark.catalog.SnapshotCatalog;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.catalog.SnapshotId;
import dev.tidemark.crypto.AgeEncryption;
import dev.tidemark.source.Connector;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.error.ErrorKind;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes one snapshot: a consistent session on the database streams every table through the archive
 * writer into storage; the snapshot is listed only after everything is stored. With age recipients,
 * the archive is encrypted on its way to storage, and its index entry discloses neither tables, row
 * counts nor warnings (which name tables).
 */
final class SnapshotCreator {
    private final SnapshotCatalog catalog;
    private final ArchiveOptions archiveOptions;
    private final List<String> recipients;
    private final int parallelism;

    /** A creator of plain (unencrypted) snapshots that exports one table at a time. */
    SnapshotCreator(SnapshotCatalog catalog, ArchiveOptions archiveOptions) {
        this(catalog, archiveOptions, List.of(), 1);
    }

    /**
     * @param recipients  age public keys to encrypt to; empty for a plain archive
     * @param parallelism exports run at once where the database allows it ({@code SNAPSHOTS_PARALLELISM})
     */
    SnapshotCreator(SnapshotCatalog catalog, ArchiveOptions archiveOptions, List<String> recipients, int parallelism) {
        this.catalog = catalog;
        this.archiveOptions = archiveOptions;
        this.recipients = List.copyOf(recipients);
        this.parallelism = parallelism;
    }

    SnapshotEntry create(Connector connector, String source, SnapshotMode mode, JobProgress progress) {
        return create(connector, source, workers -> connector.openSnapshot(mode, workers), progress);
    }

    /** Opens the snapshot session a snapshot reads, given how many exports may run at once. */
    @FunctionalInterface
    interface SessionOpener {
        SnapshotSession open(int parallelism);
    }

    /** A snapshot read through a session {@code opener} opens, e.g. one anchored for change capture. */
    SnapshotEntry create(Connector connector, String source, SessionOpener opener, JobProgress progress) {
        SnapshotId id = SnapshotId.create(source, Instant.now());
        String operation = "snapshot of " + connector.describe();
        progress.phase(Phase.READING_SCHEMA);
        // declared first so it closes last: workers stuck in a read are released by the closed session
        try (ParallelExport export = new ParallelExport(parallelism, archiveOptions, progress);
             SnapshotSession session = opener.open(parallelism);
             PendingSnapshot pending = encrypted() ? catalog.beginEncrypted(id, recipients) : catalog.begin(id, false)) {
            List<String> warnings = new ArrayList<>(session.warnings());
            SnapshotHeader header = SnapshotHeader.v1(id.value(), source, connector.backend(), session.backendVersion(),
                    id.createdAt(), session.position(), session.schema(), warnings);
            progress.phase(Phase.EXPORTING);
            Manifest manifest;
            OutputStream stored = encrypted() ? AgeEncryption.encryptTo(pending.stream(), recipients) : pending.stream();
            // encryption, hashing and the upload run on their own thread, beside export and compression;
            // closing writes age's final chunk, so it is only reached on success and a failed snapshot never
            // leaves a complete-looking encrypted file behind
            WriteBehindOutputStream archiveBytes = new WriteBehindOutputStream(stored, encrypted(), "tidemark-store");
            try {
                try (ArchiveWriter writer = new ArchiveWriter(archiveBytes, header, archiveOptions)) {
                    export.run(session, writer);
                    manifest = writer.finish();
                }
                archiveBytes.close();
            } catch (Exception | Error e) {
                archiveBytes.abandon();
                throw e;
            }
            progress.phase(Phase.COMMITTING);
            SnapshotEntry entry = encrypted()
                    ? pending.commit(connector.backend(), null, null, List.of())
                    : pending.commit(connector.backend(), manifest.tables().size(), manifest.totalRows(), warnings);
            progress.phase(Phase.DONE);
            return entry;
        } catch (Exception e) {
            throw Failures.map(e, operation, ErrorKind.STORAGE);
        }
    }

    private boolean encrypted() {
        return !recipients.isEmpty();
    }
}

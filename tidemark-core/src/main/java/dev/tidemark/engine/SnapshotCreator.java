package dev.tidemark.engine;

import dev.tidemark.archive.ArchiveOptions;
import dev.tidemark.archive.ArchiveProgress;
import dev.tidemark.archive.ArchiveWriter;
import dev.tidemark.archive.Manifest;
import dev.tidemark.archive.SnapshotHeader;
import dev.tidemark.archive.TableWriter;
import dev.tidemark.catalog.PendingSnapshot;
import dev.tidemark.catalog.SnapshotCatalog;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.catalog.SnapshotId;
import dev.tidemark.crypto.AgeEncryption;
import dev.tidemark.dialect.CsvExport;
import dev.tidemark.dialect.Dialect;
import dev.tidemark.dialect.SnapshotMode;
import dev.tidemark.dialect.SnapshotSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.schema.Table;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /** A creator of plain (unencrypted) snapshots. */
    SnapshotCreator(SnapshotCatalog catalog, ArchiveOptions archiveOptions) {
        this(catalog, archiveOptions, List.of());
    }

    /** @param recipients age public keys to encrypt to; empty for a plain archive */
    SnapshotCreator(SnapshotCatalog catalog, ArchiveOptions archiveOptions, List<String> recipients) {
        this.catalog = catalog;
        this.archiveOptions = archiveOptions;
        this.recipients = List.copyOf(recipients);
    }

    SnapshotEntry create(Dialect dialect, String source, SnapshotMode mode, JobProgress progress) {
        SnapshotId id = SnapshotId.create(source, Instant.now());
        String operation = "snapshot of " + dialect.describe();
        progress.phase(Phase.READING_SCHEMA);
        try (SnapshotSession session = dialect.openSnapshot(mode);
             PendingSnapshot pending = encrypted() ? catalog.beginEncrypted(id, recipients) : catalog.begin(id, false)) {
            List<String> warnings = new ArrayList<>(session.warnings());
            SnapshotHeader header = SnapshotHeader.v1(id.value(), source, dialect.backend(), session.backendVersion(),
                    id.createdAt(), session.consistencyPoint(), session.schema(), warnings);
            progress.phase(Phase.EXPORTING);
            Manifest manifest;
            OutputStream archiveBytes = encrypted() ? AgeEncryption.encryptTo(pending.stream(), recipients) : pending.stream();
            try (ArchiveWriter writer = new ArchiveWriter(archiveBytes, header, archiveOptions, reportTo(progress))) {
                for (Table table : session.schema().tables()) {
                    progress.table(table.name());
                    try (TableWriter tableWriter = writer.beginTable(table)) {
                        export(session, table, tableWriter);
                    }
                }
                manifest = writer.finish();
            }
            if (encrypted()) {
                // Closing writes age's final chunk; only reached on success, so a failed snapshot never
                // leaves a complete-looking encrypted file behind.
                archiveBytes.close();
            }
            progress.phase(Phase.COMMITTING);
            SnapshotEntry entry = encrypted()
                    ? pending.commit(dialect.backend(), null, null, List.of())
                    : pending.commit(dialect.backend(), manifest.tables().size(), manifest.totalRows(), warnings);
            progress.phase(Phase.DONE);
            return entry;
        } catch (Exception e) {
            throw Failures.map(e, operation, ErrorKind.STORAGE);
        }
    }

    private static void export(SnapshotSession session, Table table, TableWriter tableWriter) throws Exception {
        Optional<CsvExport> csv = session.csvExport();
        if (csv.isPresent()) {
            try (OutputStream records = tableWriter.csvRecords()) {
                csv.get().exportTable(table, records);
            }
        } else {
            session.exportTable(table, tableWriter);
        }
    }

    private boolean encrypted() {
        return !recipients.isEmpty();
    }

    /** Turns the writer's per-table figures into running totals for the whole snapshot. */
    private static ArchiveProgress reportTo(JobProgress progress) {
        return new ArchiveProgress() {
            private String currentTable;
            private long finishedRows;
            private long finishedBytes;
            private long tableRows;
            private long tableBytes;

            @Override
            public void bytesWritten(String table, long rows, long uncompressedBytes) {
                if (!table.equals(currentTable)) {
                    finishedRows += tableRows;
                    finishedBytes += tableBytes;
                    currentTable = table;
                }
                tableRows = rows;
                tableBytes = uncompressedBytes;
                progress.rowsDone(finishedRows + rows);
                progress.bytesDone(finishedBytes + uncompressedBytes);
            }
        };
    }
}

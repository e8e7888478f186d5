package dev.tidemark.engine;

import dev.tidemark.archive.ArchivePart;
import dev.tidemark.archive.ArchiveReader;
import dev.tidemark.archive.Manifest;
import dev.tidemark.archive.TableContents;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.crypto.AgeDecryptor;
import dev.tidemark.crypto.EncryptedArchives;
import dev.tidemark.dialect.Dialect;
import dev.tidemark.dialect.RestoreSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores one snapshot into one database, all or nothing: rows stream from the archive into an open
 * restore transaction, and it commits only after the whole archive has been read and every checksum
 * matched.
 */
final class SnapshotRestorer {
    private final AgeDecryptor decryptor;

    /** @param decryptor decrypts encrypted snapshots; null when no secret key is configured */
    SnapshotRestorer(AgeDecryptor decryptor) {
        this.decryptor = decryptor;
    }

    RestoreResult restore(SnapshotEntry entry, InputStream stored, Dialect target, boolean replace, JobProgress progress) {
        String operation = "restore of " + entry.id() + " into " + target.describe();
        progress.bytesTotal(entry.size());
        ArchiveDigest digest = new ArchiveDigest(new CountingInputStream(stored, progress), entry.id(), entry.sha256());
        try (InputStream archiveBytes = EncryptedArchives.open(entry, digest.stream(), decryptor);
             ArchiveReader reader = ArchiveReader.open(archiveBytes);
             RestoreSession session = target.openRestore()) {
            Schema schema = reader.header().schema();
            List<String> warnings = new ArrayList<>(session.prepare(schema, replace));
            progress.phase(Phase.LOADING);
            Map<String, Long> loaded = new HashMap<>();
            for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
                Table table = schema.table(part.tableName()).orElseThrow(() -> new TidemarkException(
                        ErrorKind.ARCHIVE_INVALID, "archive has data for a table its schema lacks", null));
                progress.table(table.name());
                long rows = session.load(table, new InterruptibleRows(part.rows()));
                progress.addRows(rows);
                loaded.merge(table.name(), rows, Long::sum);
            }
            progress.phase(Phase.VERIFYING);
            Manifest manifest = reader.finish();
            // age authenticates the final chunk only at the very end of the payload
            archiveBytes.transferTo(OutputStream.nullOutputStream());
            digest.check();
            requireAllRowsLoaded(manifest, loaded);
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("the restore was interrupted");
            }
            progress.phase(Phase.INDEXING);
            session.finish(schema);
            progress.phase(Phase.COMMITTING);
            session.commit();
            progress.phase(Phase.DONE);
            return new RestoreResult(entry.id(), target.describe(), schema.tables().size(), manifest.totalRows(), warnings);
        } catch (Exception e) {
            throw Failures.map(e, operation, ErrorKind.STORAGE);
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

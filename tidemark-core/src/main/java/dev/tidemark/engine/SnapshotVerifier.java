package dev.tidemark.engine;

import dev.tidemark.archive.ArchivePart;
import dev.tidemark.archive.ArchiveReader;
import dev.tidemark.archive.Manifest;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.error.ErrorKind;

/** Reads a stored snapshot end to end and checks every checksum, without touching any database. */
final class SnapshotVerifier {
    VerifyResult verify(SnapshotEntry entry, VerifiedArchive verified, JobProgress progress) {
        progress.bytesTotal(entry.size());
        progress.phase(Phase.VERIFYING);
        try (ArchiveReader reader = verified.openReader()) {
            for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
                progress.table(part.tableName());
                long rows = 0;
                while (part.rows().next() != null) {
                    rows++;
                }
                progress.addRows(rows);
            }
            Manifest manifest = reader.finish();
            verified.finish();
            progress.phase(Phase.DONE);
            return new VerifyResult(entry.id(), manifest.tables().size(), manifest.totalRows(), manifest.totalBytes(),
                    entry.size());
        } catch (Exception e) {
            throw Failures.map(e, "verification of " + entry.id(), ErrorKind.STORAGE);
        }
    }
}

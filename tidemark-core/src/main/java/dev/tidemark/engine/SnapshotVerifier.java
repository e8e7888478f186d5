package dev.tidemark.engine;

import dev.tidemark.archive.ArchivePart;
import dev.tidemark.archive.ArchiveReader;
import dev.tidemark.archive.Manifest;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.crypto.AgeDecryptor;
import dev.tidemark.crypto.EncryptedArchives;
import dev.tidemark.error.ErrorKind;
import java.io.InputStream;
import java.io.OutputStream;

/** Reads a stored snapshot end to end and checks every checksum, without touching any database. */
final class SnapshotVerifier {
    private final AgeDecryptor decryptor;

    /** @param decryptor decrypts encrypted snapshots; null when no secret key is configured */
    SnapshotVerifier(AgeDecryptor decryptor) {
        this.decryptor = decryptor;
    }

    VerifyResult verify(SnapshotEntry entry, InputStream stored, JobProgress progress) {
        progress.bytesTotal(entry.size());
        progress.phase(Phase.VERIFYING);
        ArchiveDigest digest = new ArchiveDigest(new CountingInputStream(stored, progress), entry.id(), entry.sha256());
        try (InputStream archiveBytes = EncryptedArchives.open(entry, digest.stream(), decryptor);
             ArchiveReader reader = ArchiveReader.open(archiveBytes)) {
            ArchiveIdentity.require(entry, reader.header());
            for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
                progress.table(part.tableName());
                long rows = 0;
                while (part.rows().next() != null) {
                    rows++;
                }
                progress.addRows(rows);
            }
            Manifest manifest = reader.finish();
            archiveBytes.transferTo(OutputStream.nullOutputStream());
            digest.check();
            progress.phase(Phase.DONE);
            return new VerifyResult(entry.id(), manifest.tables().size(), manifest.totalRows(), manifest.totalBytes(),
                    entry.size());
        } catch (Exception e) {
            throw Failures.map(e, "verification of " + entry.id(), ErrorKind.STORAGE);
        }
    }
}

package dev.tidemark.engine;

import dev.tidemark.archive.ArchiveReader;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.crypto.AgeDecryptor;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stored bytes of a snapshot opened as its plain {@code .tar.zst} archive — decrypted when it is encrypted —
 * together with the checks that make them trustworthy. Restore, verify and decrypted download all read through
 * it: they read {@link #archive()} as far as they need, then call {@link #finish()}, which reads what is left
 * (age authenticates its final chunk only at the very end of the payload) and compares the stored file with the
 * SHA-256 of the index entry. Nothing read may be trusted, nor committed, before {@code finish} returns. The
 * archive's header must name the entry's snapshot.
 */
final class VerifiedArchive implements AutoCloseable {
    private final SnapshotEntry entry;
    private final DigestInputStream stored;
    private final InputStream archive;

    private VerifiedArchive(SnapshotEntry entry, DigestInputStream stored, InputStream archive) {
        this.entry = entry;
        this.stored = stored;
        this.archive = archive;
    }

    /**
     * Opens {@code stored}, the bytes of {@code entry}'s archive object as the storage returns them.
     *
     * @param decryptor the configured identities, or null when no secret key is configured
     * @param readAhead whether storage reads, the file's hash and decryption run on a thread of their own, beside
     *                  the reader of {@link #archive()}
     * @throws TidemarkException KEY when the secret key is missing or belongs to none of the entry's recipients (checked
     *         before anything is read), ARCHIVE_INVALID when the age header is damaged
     */
    static VerifiedArchive open(SnapshotEntry entry, InputStream stored, AgeDecryptor decryptor, boolean readAhead)
            throws IOException {
        DigestInputStream digested;
        try {
            digested = new DigestInputStream(stored, MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        InputStream plain = digested;
        if (entry.encrypted()) {
            AgeDecryptor.requireKey(decryptor, "snapshot " + entry.id(), entry.recipients());
            plain = decryptor.decrypt(digested, "snapshot " + entry.id(), entry.recipients());
        }
        return new VerifiedArchive(entry, digested, readAhead ? new ReadAheadInputStream(plain, "tidemark-fetch") : plain);
    }

    /**
     * A reader of the plain archive, whose header has been checked to name this entry's snapshot (an archive
     * copied under another snapshot's index entry is refused before anything is restored); read it to where it
     * stops, then call {@link #finish()}.
     *
     * @throws TidemarkException ARCHIVE_INVALID when the archive belongs to another snapshot or is damaged
     */
    ArchiveReader openReader() throws IOException {
        ArchiveReader reader = ArchiveReader.open(archive);
        try {
            ArchiveIdentity.require(entry, reader.header());
            return reader;
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * Copies the plain archive to {@code out} as it is read, its identity checked on the way (nothing is held back),
     * then {@link #finish()}es; keep the output only when this returns.
     */
    void copyTo(OutputStream out) throws IOException {
        ArchiveIdentity.copyChecked(entry, archive, out);
        finish();
    }

    /**
     * Reads what the archive reader left unread (so age checks its last chunk), then checks the stored bytes
     * against the index entry's SHA-256.
     *
     * @throws TidemarkException ARCHIVE_INVALID when the file was changed or cut short after it was written
     */
    void finish() throws IOException {
        archive.transferTo(OutputStream.nullOutputStream());
        stored.transferTo(OutputStream.nullOutputStream());
        String actual = HexFormat.of().formatHex(stored.getMessageDigest().digest());
        if (entry.sha256() != null && !entry.sha256().equalsIgnoreCase(actual)) {
            throw new TidemarkException(ErrorKind.ARCHIVE_INVALID,
                    "snapshot " + entry.id() + " is damaged: its stored bytes do not match the recorded SHA-256",
                    "restore an earlier snapshot; this one was changed after it was written");
        }
    }

    @Override
    public void close() throws IOException {
        archive.close();
    }
}

package dev.tidemark.engine;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Checks the stored archive bytes against the SHA-256 recorded in the snapshot's index entry. */
final class ArchiveDigest {
    private final DigestInputStream stream;
    private final String snapshotId;
    private final String expectedSha256;

    ArchiveDigest(InputStream stored, String snapshotId, String expectedSha256) {
        try {
            this.stream = new DigestInputStream(stored, MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        this.snapshotId = snapshotId;
        this.expectedSha256 = expectedSha256;
    }

    InputStream stream() {
        return stream;
    }

    /** Reads what the archive reader left unread, then compares the digest. */
    void check() throws IOException {
        stream.transferTo(java.io.OutputStream.nullOutputStream());
        String actual = HexFormat.of().formatHex(stream.getMessageDigest().digest());
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(actual)) {
            throw new TidemarkException(ErrorKind.ARCHIVE_INVALID,
                    "snapshot " + snapshotId + " is damaged: its stored bytes do not match the recorded SHA-256",
                    "restore an earlier snapshot; this one was changed after it was written");
        }
    }
}

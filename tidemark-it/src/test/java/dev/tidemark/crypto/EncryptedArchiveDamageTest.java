package dev.tidemark.crypto;

import static dev.tidemark.crypto.EncryptedSnapshotTest.TABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.dialect.sqlite.SqliteTestDb;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.Tidemark;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.source.SnapshotSource;

/**
 * Damage to an encrypted archive (truncation, a changed payload byte, a tampered header) is refused with
 * a one-line ARCHIVE_INVALID error, by verify, restore and decrypting download, and the restore target
 * stays byte for byte as it was.
 */
class EncryptedArchiveDamageTest {
    /** age's payload: a 16-byte nonce, then chunks of 64 KiB plaintext plus a 16-byte tag. */
    private static final int NONCE = 16;
    private static final int CHUNK = 64 * 1024 + 16;

    @TempDir
    Path dir;
    Path main;
    Path stored;
    Path target;
    Tidemark tidemark;
    SnapshotEntry entry;
    String targetBefore;

    @BeforeEach
    void setUp() throws Exception {
        main = dir.resolve("main.db");
        EncryptedSnapshotTest.createSourceDatabase(main);
        AgeKeyPair key = AgeKeys.generate();
        Path store = dir.resolve("store");
        tidemark = new Tidemark(TidemarkConfig.fromEnvironment(Map.of("DATA_DIR", dir.resolve("data").toString(),
                "DATABASE_URL", "sqlite:" + main, "SNAPSHOTS_STORAGE_LOCAL_DIR", store.toString(),
                "SNAPSHOTS_AGE_PUBLIC_KEY", key.publicKey(), "SNAPSHOTS_AGE_SECRET_KEY", key.secretKey().reveal())));
        entry = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
        stored = store.resolve(entry.archive());
        assertThat(Files.size(stored)).as("the archive spans several chunks").isGreaterThan(headerLength() + NONCE + 4L * CHUNK);
        target = EncryptedSnapshotTest.existingTarget(dir);
        targetBefore = EncryptedSnapshotTest.sha256(target);
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() {
        tidemark.close();
    }

    @Test
    void truncatedInsideAChunk() throws Exception {
        truncate(Files.size(stored) - 1000);
        assertRefused("encrypted data");
    }

    @Test
    void truncatedExactlyAtAChunkBoundary() throws Exception {
        truncate(headerLength() + NONCE + 2L * CHUNK);
        assertRefused("encrypted data");
    }

    @Test
    void truncatedToTheHeaderOnly() throws Exception {
        truncate(headerLength());
        assertRefused("");
    }

    @Test
    void truncatedBeforeTheHeadersLastLineBreak() throws Exception {
        truncate(headerLength() - 1);
        assertRefused("header is malformed");
    }

    @Test
    void aFlippedPayloadByte() throws Exception {
        EncryptedSnapshotTest.flipByte(stored, headerLength() + NONCE + 3L * CHUNK + 100);
        assertRefused("encrypted data");
    }

    @Test
    void aFlippedByteInTheLastChunk() throws Exception {
        EncryptedSnapshotTest.flipByte(stored, Files.size(stored) - 5);
        assertRefused("encrypted data");
    }

    @Test
    void aTamperedHeaderMac() throws Exception {
        EncryptedSnapshotTest.flipByte(stored, headerLength() - 5);
        assertRefused("header");
    }

    @Test
    void aTamperedRecipientStanza() throws Exception {
        String header = new String(Files.readAllBytes(stored), 0, headerLength(), StandardCharsets.ISO_8859_1);
        int stanzaBody = header.indexOf('\n', header.indexOf("-> X25519")) + 3;
        // another valid Base64 character: the stanza still decodes, but its wrapped file key no longer opens
        try (RandomAccessFile file = new RandomAccessFile(stored.toFile(), "rw")) {
            file.seek(stanzaBody);
            file.write(header.charAt(stanzaBody) == 'A' ? 'B' : 'A');
        }
        assertRefused("header does not open with the key it was encrypted to");
    }

    @Test
    void aRecipientStanzaThatIsNoLongerBase64() throws Exception {
        String header = new String(Files.readAllBytes(stored), 0, headerLength(), StandardCharsets.ISO_8859_1);
        int stanzaBody = header.indexOf('\n', header.indexOf("-> X25519")) + 3;
        try (RandomAccessFile file = new RandomAccessFile(stored.toFile(), "rw")) {
            file.seek(stanzaBody);
            file.write('*');
        }
        assertRefused("header is malformed");
    }

    private void assertRefused(String messagePart) throws Exception {
        assertThatThrownBy(() -> tidemark.verify(entry.id(), new JobProgress("verify", entry.id())))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).as(e.oneLine()).isEqualTo(ErrorKind.ARCHIVE_INVALID);
                    assertThat(e.oneLine()).doesNotContain("\n").contains(messagePart);
                });
        assertThatThrownBy(() -> tidemark.restore(entry.id(), "sqlite:" + target, true, new JobProgress("restore", entry.id())))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).as(e.oneLine()).isEqualTo(ErrorKind.ARCHIVE_INVALID);
                    assertThat(e.oneLine()).doesNotContain("\n").contains(messagePart);
                });
        assertThatThrownBy(() -> tidemark.downloadDecrypted(entry.id(), java.io.OutputStream.nullOutputStream()))
                .isInstanceOfSatisfying(TidemarkException.class,
                        e -> assertThat(e.kind()).as(e.oneLine()).isEqualTo(ErrorKind.ARCHIVE_INVALID));
        assertThat(EncryptedSnapshotTest.sha256(target)).isEqualTo(targetBefore);
        assertThat(SqliteTestDb.query(target, "SELECT token FROM " + TABLE)).isEqualTo(List.of("kept"));
    }

    /** Bytes up to and including the header's closing {@code --- MAC} line. */
    private int headerLength() throws IOException {
        byte[] head = new byte[4096];
        try (var in = Files.newInputStream(stored)) {
            int n = in.readNBytes(head, 0, head.length);
            String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
            int macLine = text.indexOf("\n--- ");
            return text.indexOf('\n', macLine + 1) + 1;
        }
    }

    private void truncate(long length) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(stored.toFile(), "rw")) {
            file.setLength(length);
        }
    }
}

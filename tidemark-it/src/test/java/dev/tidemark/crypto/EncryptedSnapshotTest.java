package dev.tidemark.crypto;

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
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.source.SnapshotSource;

/**
 * Encrypted snapshots end to end on real SQLite files and the local storage: what is stored, who can
 * read it, and that every kind of damage is refused before anything is committed.
 */
class EncryptedSnapshotTest {
    static final String TABLE = "confidential_customers";
    static final String MARKER = "plaintext-marker-7f3a";

    @TempDir
    Path dir;
    Path main;
    Path store;
    AgeKeyPair key;

    @BeforeEach
    void setUp() throws Exception {
        main = dir.resolve("main.db");
        store = dir.resolve("store");
        key = AgeKeys.generate();
        createSourceDatabase(main);
    }

    /** Enough incompressible data for the archive to span several age chunks of 64 KiB. */
    static void createSourceDatabase(Path file) throws Exception {
        SqliteTestDb.exec(file,
                "CREATE TABLE " + TABLE + " (id INTEGER PRIMARY KEY, token TEXT NOT NULL, note TEXT, score REAL, photo BLOB)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
                        + " INSERT INTO " + TABLE + " SELECT i, hex(randomblob(24)), CASE WHEN i % 7 = 0 THEN NULL"
                        + " WHEN i % 11 = 0 THEN '' ELSE '" + MARKER + " ' || i END, i / 3.0, randomblob(8) FROM n");
    }

    Tidemark tidemark(String publicKeys, String secretKey) {
        Map<String, String> env = new HashMap<>(Map.of("DATA_DIR", dir.resolve("data").toString(),
                "DATABASE_URL", "sqlite:" + main, "SNAPSHOTS_STORAGE_LOCAL_DIR", store.toString()));
        if (publicKeys != null) {
            env.put("SNAPSHOTS_AGE_PUBLIC_KEY", publicKeys);
        }
        if (secretKey != null) {
            env.put("SNAPSHOTS_AGE_SECRET_KEY", secretKey);
        }
        return new Tidemark(TidemarkConfig.fromEnvironment(env));
    }

    SnapshotEntry snapshot(Tidemark tidemark) {
        return tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
    }

    @Test
    void anEncryptedSnapshotRestoresExactlyAndStoresNothingReadable() throws Exception {
        try (Tidemark tidemark = tidemark(key.publicKey(), key.secretKey().reveal())) {
            SnapshotEntry entry = snapshot(tidemark);
            assertThat(entry.encrypted()).isTrue();
            assertThat(entry.archive()).isEqualTo("snapshots/" + entry.id() + ".tar.zst.age");
            assertThat(entry.recipients()).containsExactly(key.publicKey());
            assertThat(entry.tables()).isNull();
            assertThat(entry.rows()).isNull();
            assertThat(entry.warnings()).isEmpty();
            assertThat(tidemark.show(entry.id())).isEqualTo(entry);

            byte[] stored = Files.readAllBytes(store.resolve(entry.archive()));
            assertThat(new String(stored, 0, 22, StandardCharsets.US_ASCII)).isEqualTo("age-encryption.org/v1\n");
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(main)).toList()) {
                    String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertThat(content).as(file.toString()).doesNotContain(TABLE).doesNotContain(MARKER);
                }
            }

            Path target = dir.resolve("target.db");
            tidemark.restore(entry.id(), "sqlite:" + target, false, new JobProgress("restore", entry.id()));
            assertThat(SqliteTestDb.exactRows(target, TABLE)).hasSize(20000).isEqualTo(SqliteTestDb.exactRows(main, TABLE));
            assertThat(tidemark.verify(entry.id(), new JobProgress("verify", entry.id())).rows()).isEqualTo(20000);
        }
    }

    @Test
    void aHostWithOnlyThePublicKeyCreatesSnapshotsButCannotReadThem() throws Exception {
        SnapshotEntry entry;
        try (Tidemark writer = tidemark(key.publicKey(), null)) {
            entry = snapshot(writer);
            Path target = existingTarget();
            String before = sha256(target);
            assertThatThrownBy(() -> writer.restore(entry.id(), "sqlite:" + target, true, new JobProgress("restore", entry.id())))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.KEY);
                        assertThat(e.oneLine()).contains("SNAPSHOTS_AGE_SECRET_KEY is not set").contains(key.publicKey())
                                .doesNotContain("\n");
                    });
            assertThatThrownBy(() -> writer.verify(entry.id(), new JobProgress("verify", entry.id())))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.KEY));
            assertThat(sha256(target)).isEqualTo(before);
        }
        try (Tidemark reader = tidemark(null, key.secretKey().reveal())) {
            assertThat(reader.verify(entry.id(), new JobProgress("verify", entry.id())).rows()).isEqualTo(20000);
        }
    }

    @Test
    void aSecretKeyOfAnotherRecipientIsRefusedBeforeAnythingStarts() throws Exception {
        AgeKeyPair other = AgeKeys.generate();
        try (Tidemark tidemark = tidemark(key.publicKey(), other.secretKey().reveal())) {
            SnapshotEntry entry = snapshot(tidemark);
            Path target = existingTarget();
            String before = sha256(target);
            assertThatThrownBy(() -> tidemark.restore(entry.id(), "sqlite:" + target, true, new JobProgress("restore", entry.id())))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.KEY);
                        assertThat(e.oneLine()).contains(other.publicKey()).contains(key.publicKey())
                                .doesNotContain(other.secretKey().reveal()).doesNotContain("\n");
                    });
            assertThat(sha256(target)).isEqualTo(before);
            assertThat(tidemark.decryptionKeys()).containsExactly(other.publicKey());
        }
    }

    @Test
    void eachOfSeveralRecipientsCanRestore() throws Exception {
        AgeKeyPair second = AgeKeys.generate();
        SnapshotEntry entry;
        try (Tidemark writer = tidemark(key.publicKey() + "," + second.publicKey(), null)) {
            entry = snapshot(writer);
        }
        assertThat(entry.recipients()).containsExactly(key.publicKey(), second.publicKey());
        for (AgeKeyPair pair : List.of(key, second)) {
            try (Tidemark reader = tidemark(null, pair.keyFile())) {
                Path target = dir.resolve("target-" + pair.publicKey().substring(4, 12) + ".db");
                reader.restore(entry.id(), "sqlite:" + target, false, new JobProgress("restore", entry.id()));
                assertThat(SqliteTestDb.exactRows(target, TABLE)).isEqualTo(SqliteTestDb.exactRows(main, TABLE));
            }
        }
    }

    @Test
    void malformedKeysFailAtStartUpNamingTheVariable() {
        String secret = key.secretKey().reveal();
        String damaged = secret.substring(0, 20) + (secret.charAt(20) == 'Q' ? 'P' : 'Q') + secret.substring(21);
        assertThatThrownBy(() -> tidemark(key.publicKey(), damaged))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
                    assertThat(e.oneLine()).startsWith("SNAPSHOTS_AGE_SECRET_KEY").doesNotContain(damaged);
                });
    }

    static Path existingTarget(Path dir) throws Exception {
        Path target = dir.resolve("existing-target.db");
        SqliteTestDb.exec(target, "CREATE TABLE " + TABLE + " (id INTEGER PRIMARY KEY, token TEXT NOT NULL, note TEXT,"
                + " score REAL, photo BLOB)", "INSERT INTO " + TABLE + " VALUES (1, 'kept', 'only in the target', 0.5, x'00ff')");
        return target;
    }

    Path existingTarget() throws Exception {
        return existingTarget(dir);
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x01);
        }
    }
}

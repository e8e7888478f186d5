package dev.tidemark.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidemark.archive.ArchiveVerifier;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.crypto.AgeKeyPair;
import dev.tidemark.crypto.AgeKeys;
import dev.tidemark.dialect.sqlite.SqliteTestDb;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.tidemark.source.SnapshotSource;

/**
 * The archive of one snapshot stored under another snapshot's index entry, with the entry's size and SHA-256
 * made to match, is refused by verify, restore and decrypting download; the restore target is not touched.
 */
class ArchiveIdentityTest {
    @TempDir
    Path dir;
    private Tidemark tidemark;

    @AfterEach
    void close() {
        tidemark.close();
    }

    @ParameterizedTest(name = "encrypted: {0}")
    @ValueSource(booleans = {false, true})
    void anArchiveUnderAnotherSnapshotsEntryIsRefused(boolean encrypted) throws Exception {
        Path main = dir.resolve("main.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + main); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)");
            s.execute("INSERT INTO accounts VALUES (1, 'first')");
        }
        Path store = dir.resolve("store");
        Map<String, String> env = new HashMap<>(Map.of("DATA_DIR", dir.resolve("data").toString(),
                "DATABASE_URL", "sqlite:" + main, "SNAPSHOTS_STORAGE_LOCAL_DIR", store.toString()));
        if (encrypted) {
            AgeKeyPair key = AgeKeys.generate();
            env.put("SNAPSHOTS_AGE_PUBLIC_KEY", key.publicKey());
            env.put("SNAPSHOTS_AGE_SECRET_KEY", key.secretKey().reveal());
        }
        tidemark = new Tidemark(TidemarkConfig.fromEnvironment(env));
        SnapshotEntry older = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + main); Statement s = c.createStatement()) {
            s.execute("UPDATE accounts SET owner = 'second'");
        }
        SnapshotEntry newer = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
        storeUnder(store, older, newer);
        Path target = dir.resolve("target.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE canary (id INTEGER PRIMARY KEY)");
        }
        byte[] targetBefore = Files.readAllBytes(target);
        String expected = "the archive of snapshot " + older.id() + " is stored under snapshot " + newer.id()
                + "'s index entry";

        assertRefused(() -> tidemark.verify(newer.id(), new JobProgress("verify", newer.id())), expected);
        assertRefused(() -> tidemark.restore(newer.id(), "sqlite:" + target, true, new JobProgress("restore", newer.id())),
                expected);
        ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
        assertRefused(() -> tidemark.downloadDecrypted(newer.id(), downloaded), expected);
        assertThat(Files.readAllBytes(target)).isEqualTo(targetBefore);
        assertThat(SqliteTestDb.query(target, "SELECT name FROM sqlite_schema WHERE type = 'table'"))
                .isEqualTo(List.of("canary"));

        ByteArrayOutputStream own = new ByteArrayOutputStream();
        tidemark.downloadDecrypted(older.id(), own);
        assertThat(ArchiveVerifier.verify(new ByteArrayInputStream(own.toByteArray())).totalRows())
                .as("a snapshot's own archive still downloads whole").isEqualTo(1);
        if (!encrypted) {
            assertThat(own.toByteArray()).isEqualTo(Files.readAllBytes(store.resolve(older.archive())));
        }
        assertThat(tidemark.verify(older.id(), new JobProgress("verify", older.id())).rows()).isEqualTo(1);
    }

    /** Puts {@code source}'s archive in the place of {@code victim}'s, with an index entry that matches its bytes. */
    private static void storeUnder(Path store, SnapshotEntry source, SnapshotEntry victim) throws Exception {
        byte[] archive = Files.readAllBytes(store.resolve(source.archive()));
        Files.write(store.resolve(victim.archive()), archive);
        Path index = store.resolve("index/" + victim.id() + ".json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode entry = (ObjectNode) json.readTree(index.toFile());
        entry.put("size", archive.length);
        entry.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)));
        Files.write(index, json.writeValueAsBytes(entry));
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.ARCHIVE_INVALID);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}

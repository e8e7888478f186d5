package dev.tidemark.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.catalog.PendingSnapshot;
import dev.tidemark.catalog.SnapshotCatalog;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.catalog.SnapshotId;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.dialect.sqlite.SqliteTestDb;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.Tidemark;
import dev.tidemark.storage.local.LocalStorage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.source.SnapshotSource;

/** Tidemark's encrypted archives and the real age command line tool read each other's files. */
class AgeCliInteropTest {
    @TempDir
    Path dir;
    Path main;
    Path keyFile;
    String publicKey;

    @BeforeEach
    void setUp() throws Exception {
        AgeCli.requireTools();
        main = dir.resolve("main.db");
        EncryptedSnapshotTest.createSourceDatabase(main);
        keyFile = dir.resolve("key.txt");
        AgeCli.run(dir, "age-keygen -o key.txt 2>/dev/null");
        publicKey = AgeCli.run(dir, "age-keygen -y key.txt").strip();
    }

    Tidemark tidemark(Path store, Map<String, String> keys) {
        Map<String, String> env = new HashMap<>(Map.of("DATA_DIR", dir.resolve("data").toString(),
                "DATABASE_URL", "sqlite:" + main, "SNAPSHOTS_STORAGE_LOCAL_DIR", store.toString()));
        env.putAll(keys);
        return new Tidemark(TidemarkConfig.fromEnvironment(env));
    }

    @Test
    void ageKeygenKeysAreUnderstood() throws Exception {
        String identity = Files.readAllLines(keyFile).stream().filter(l -> l.startsWith("AGE-SECRET-KEY-1")).findFirst().orElseThrow();
        assertThat(AgeKeys.publicKeyOf(identity)).isEqualTo(publicKey);
    }

    @Test
    void aTidemarkArchiveDecryptsWithTheAgeCliAlone() throws Exception {
        Path download = dir.resolve("snapshot.tar.zst.age");
        try (Tidemark tidemark = tidemark(dir.resolve("store"), Map.of("SNAPSHOTS_AGE_PUBLIC_KEY", publicKey))) {
            SnapshotEntry entry = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
            try (OutputStream out = Files.newOutputStream(download)) {
                tidemark.download(entry.id(), out);
            }
        }
        Files.createDirectory(dir.resolve("out"));
        AgeCli.run(dir, "age -d -i key.txt snapshot.tar.zst.age | zstd -d | tar -x -C out");

        Path out = dir.resolve("out");
        assertThat(out.resolve("header.json")).exists();
        assertThat(out.resolve("manifest.json")).content().contains(EncryptedSnapshotTest.TABLE);
        try (Stream<Path> files = Files.walk(out.resolve("data"))) {
            List<Path> parts = files.filter(f -> f.toString().endsWith(".csv")).toList();
            assertThat(parts).isNotEmpty();
            String firstPart = Files.readString(parts.stream().sorted().findFirst().orElseThrow());
            assertThat(firstPart.lines().findFirst()).contains("id,token,note,score,photo");
            assertThat(firstPart).contains("," + EncryptedSnapshotTest.MARKER + " 1,");
        }
    }

    @Test
    void anArchiveEncryptedWithTheAgeCliRestores() throws Exception {
        Path plain = dir.resolve("plain.tar.zst");
        SnapshotEntry original;
        try (Tidemark unencrypted = tidemark(dir.resolve("plain-store"), Map.of())) {
            original = unencrypted.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
            try (OutputStream out = Files.newOutputStream(plain)) {
                unencrypted.download(original.id(), out);
            }
        }
        AgeCli.run(dir, "age -r " + publicKey + " -o by-age-cli.age plain.tar.zst");
        byte[] encrypted = Files.readAllBytes(dir.resolve("by-age-cli.age"));

        // the same archive once under an entry that knows its recipients, once under one that does not; an
        // archive is only read under its own snapshot's id, so each goes into a storage of its own
        SnapshotId id = original.snapshotId();
        Path withRecipients = dir.resolve("store-with-recipients");
        try (PendingSnapshot pending = new SnapshotCatalog(new LocalStorage(withRecipients))
                .beginEncrypted(id, List.of(publicKey))) {
            pending.stream().write(encrypted);
            pending.commit("sqlite", null, null, List.of());
        }
        Path withoutRecipients = dir.resolve("store-without-recipients");
        try (PendingSnapshot pending = new SnapshotCatalog(new LocalStorage(withoutRecipients)).begin(id, true)) {
            pending.stream().write(encrypted);
            pending.commit("sqlite", null, null, List.of());
        }

        for (Path store : List.of(withRecipients, withoutRecipients)) {
            try (Tidemark tidemark = tidemark(store, Map.of("SNAPSHOTS_AGE_SECRET_KEY_FILE", keyFile.toString()))) {
                Path target = dir.resolve("target-" + store.getFileName() + ".db");
                tidemark.restore(id.value(), "sqlite:" + target, false, new JobProgress("restore", id.value()));
                assertThat(SqliteTestDb.exactRows(target, EncryptedSnapshotTest.TABLE))
                        .isEqualTo(SqliteTestDb.exactRows(main, EncryptedSnapshotTest.TABLE));
            }
        }
    }
}

package dev.tidemark.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.StoredObject;
import dev.tidemark.storage.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the catalog behaves on any storage; subclasses (one per provider) choose the storage. */
public abstract class SnapshotCatalogContract {
    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    protected SnapshotStorage storage;
    protected SnapshotCatalog catalog;

    /** A fresh, empty storage. */
    protected abstract SnapshotStorage newStorage() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        storage = newStorage();
        catalog = new SnapshotCatalog(storage);
    }

    @Test
    void committedSnapshotIsListedWithTheExactSizeAndDigestOfItsArchive() throws Exception {
        byte[] archive = new byte[300_000];
        new Random(1).nextBytes(archive);
        SnapshotId id = SnapshotId.create("main", T0);

        SnapshotEntry entry;
        try (PendingSnapshot pending = catalog.begin(id, false)) {
            OutputStream out = pending.stream();
            for (int offset = 0; offset < archive.length; offset += 7000) {
                out.write(archive, offset, Math.min(7000, archive.length - offset));
            }
            assertThat(catalog.list()).as("not listed before commit").isEmpty();
            entry = pending.commit("postgresql", 3, 1234L, List.of("column x carried as text"));
        }

        assertThat(entry).isEqualTo(new SnapshotEntry(id.value(), "main", "postgresql", T0,
                "snapshots/" + id.value() + ".tar.zst", archive.length, sha256(archive), false, 3, 1234L, 1,
                List.of("column x carried as text")));
        assertThat(catalog.list()).containsExactly(entry);
        assertThat(catalog.get(id.value())).isEqualTo(entry);
        try (InputStream in = catalog.openArchive(entry)) {
            assertThat(in.readAllBytes()).isEqualTo(archive);
        }
    }

    @Test
    void encryptedArchivesAreNamedForAgeAndUndisclosedCountsStayNull() throws Exception {
        SnapshotId id = SnapshotId.create("redis", T0);
        SnapshotEntry entry = store(id, true, "age-encrypted bytes");

        assertThat(entry.archive()).isEqualTo("snapshots/" + id.value() + ".tar.zst.age");
        assertThat(entry.encrypted()).isTrue();
        assertThat(entry.tables()).isNull();
        assertThat(entry.rows()).isNull();
        assertThat(catalog.get(id.value())).isEqualTo(entry);
        try (InputStream in = storage.open("index/" + id.value() + ".json")) {
            assertThat(new String(in.readAllBytes(), UTF_8)).contains("\"tables\" : null", "\"rows\" : null");
        }
    }

    @Test
    void encryptedEntriesRecordTheirRecipientsAndOlderEntriesReadWithout() throws Exception {
        SnapshotId id = SnapshotId.create("main", T0);
        List<String> recipients = List.of("age1v0wqkpusrhf9gaf0uxn0dqhhq4sztk60gmrralhma07kw7jx65rs7jvwdy",
                "age1ejtdtpmj6tchygj6hhklxuzt3w20lvlqufakz4hgdewls22jw5wqmgfuxs");
        SnapshotEntry entry;
        try (PendingSnapshot pending = catalog.beginEncrypted(id, recipients)) {
            pending.stream().write("age-encrypted bytes".getBytes(UTF_8));
            entry = pending.commit("sqlite", null, null, List.of());
        }
        assertThat(entry.encrypted()).isTrue();
        assertThat(entry.archive()).endsWith(".tar.zst.age");
        assertThat(entry.recipients()).isEqualTo(recipients);
        assertThat(catalog.get(id.value())).isEqualTo(entry);
        assertThatThrownBy(() -> catalog.beginEncrypted(SnapshotId.create("main", T0.plusSeconds(1)), List.of()))
                .isInstanceOf(IllegalArgumentException.class);

        String withoutRecipients = new String(SnapshotEntryJson.write(entry), UTF_8)
                .replaceAll(",\\s*\"recipients\"\\s*:\\s*\\[[^]]*]", "");
        assertThat(withoutRecipients).doesNotContain("recipients").contains("\"encrypted\" : true");
        assertThat(SnapshotEntryJson.read(withoutRecipients.getBytes(UTF_8)).recipients()).isEmpty();
    }

    @Test
    void indexEntryIsReadableJsonWithIsoTimes() throws Exception {
        SnapshotId id = SnapshotId.parse("20261125T125012345Z-main-3fa2c1");
        store(id, false, "x");

        String json;
        try (InputStream in = storage.open("index/" + id.value() + ".json")) {
            json = new String(in.readAllBytes(), UTF_8);
        }
        assertThat(json).contains("\"id\" : \"20261125T125012345Z-main-3fa2c1\"", "\"createdAt\" : \"2026-11-25T12:50:12.345Z\"",
                "\"archive\" : \"snapshots/20261125T125012345Z-main-3fa2c1.tar.zst\"", "\"formatVersion\" : 1",
                "\"sha256\" : \"" + sha256("x".getBytes(UTF_8)) + "\"", "\"tables\" : 2", "\"rows\" : 10", "\"warnings\" : [ ]");
    }

    @Test
    void listIsNewestFirstAndFiltersBySource() throws Exception {
        SnapshotEntry oldMain = store(SnapshotId.create("main", T0), false, "a");
        SnapshotEntry redis = store(SnapshotId.create("redis", T0.plusSeconds(60)), false, "b");
        SnapshotEntry newMain = store(SnapshotId.create("main", T0.plusSeconds(120)), true, "c");

        assertThat(catalog.list()).containsExactly(newMain, redis, oldMain);
        assertThat(catalog.list("main")).containsExactly(newMain, oldMain);
        assertThat(catalog.list("redis")).containsExactly(redis);
    }

    @Test
    void abandonedSnapshotsLeaveNothing() throws Exception {
        try (PendingSnapshot pending = catalog.begin(SnapshotId.create("main", T0), false)) {
            pending.stream().write(new byte[10_000]);
        }
        PendingSnapshot aborted = catalog.begin(SnapshotId.create("main", T0), true);
        aborted.stream().write(1);
        aborted.abort();
        aborted.abort();

        assertThat(catalog.list()).isEmpty();
        assertThat(storage.list("")).isEmpty();
        assertThatThrownBy(() -> aborted.commit("sqlite", 1, 1L, List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTheStreamLikeACompressorDoesNotCommit() throws Exception {
        SnapshotId id = SnapshotId.create("main", T0);
        try (PendingSnapshot pending = catalog.begin(id, false)) {
            try (GZIPOutputStream gzip = new GZIPOutputStream(pending.stream())) {
                gzip.write("compressed".getBytes(UTF_8));
            }
            assertThat(catalog.list()).isEmpty();
            SnapshotEntry entry = pending.commit("sqlite", 1, 1L, List.of());
            assertThat(storage.stat(entry.archive())).get().extracting(StoredObject::size).isEqualTo(entry.size());
        }
        assertThat(catalog.list()).hasSize(1);
    }

    @Test
    void archiveWithoutIndexEntryIsIncompleteAndCleanedUpOnceOld() throws Exception {
        SnapshotEntry complete = store(SnapshotId.create("main", T0), false, "complete");
        SnapshotId crashed = SnapshotId.create("main", T0.plusSeconds(1));
        put("snapshots/" + crashed.value() + ".tar.zst", "archive stored, crash before the index entry");

        assertThat(catalog.list()).containsExactly(complete);
        assertNotFound(() -> catalog.get(crashed.value()), crashed);

        assertThat(catalog.cleanupIncomplete()).as("too young to be abandoned").isZero();
        assertThat(storage.stat("snapshots/" + crashed.value() + ".tar.zst")).isPresent();

        SnapshotCatalog later = new SnapshotCatalog(storage, Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertThat(later.cleanupIncomplete()).isEqualTo(1);
        assertThat(storage.stat("snapshots/" + crashed.value() + ".tar.zst")).isEmpty();
        assertThat(catalog.list()).containsExactly(complete);
        assertThat(catalog.get(complete.id())).isEqualTo(complete);
    }

    @Test
    void indexEntryWhoseArchiveIsGoneIsNotListed() throws Exception {
        SnapshotEntry entry = store(SnapshotId.create("main", T0), false, "x");
        storage.delete(entry.archive());

        assertThat(catalog.list()).isEmpty();
        assertNotFound(() -> catalog.get(entry.id()), entry.snapshotId());
        SnapshotCatalog later = new SnapshotCatalog(storage, Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertThat(later.cleanupIncomplete()).isEqualTo(1);
        assertThat(storage.list("")).isEmpty();
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() throws Exception {
        SnapshotId unknown = SnapshotId.create("main", T0);
        assertNotFound(() -> catalog.get(unknown.value()), unknown);
        assertNotFound(() -> catalog.delete(unknown.value()), unknown);
        assertThatThrownBy(() -> catalog.get("latest")).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("not a snapshot id: latest");
        });
    }

    @Test
    void deleteRemovesIndexEntryAndArchiveAndNothingElse() throws Exception {
        SnapshotEntry kept = store(SnapshotId.create("main", T0), false, "kept");
        SnapshotEntry deleted = store(SnapshotId.create("main", T0.plusSeconds(5)), true, "deleted");

        catalog.delete(deleted.id());

        assertThat(catalog.list()).containsExactly(kept);
        assertThat(storage.list("")).extracting(StoredObject::name)
                .containsExactly("index/" + kept.id() + ".json", kept.archive());
        assertNotFound(() -> catalog.delete(deleted.id()), deleted.snapshotId());
    }

    @Test
    void unreadableIndexEntryIsSkippedInListsAndCanBeDeleted() throws Exception {
        SnapshotEntry good = store(SnapshotId.create("main", T0), false, "good");
        SnapshotId damaged = SnapshotId.create("main", T0.plusSeconds(1));
        put("snapshots/" + damaged.value() + ".tar.zst", "archive");
        put("index/" + damaged.value() + ".json", "{ not json");

        assertThat(catalog.list()).containsExactly(good);
        assertThatThrownBy(() -> catalog.get(damaged.value())).isInstanceOfSatisfying(TidemarkException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.ARCHIVE_INVALID));

        catalog.delete(damaged.value());
        assertThat(storage.list("")).hasSize(2);
    }

    @Test
    void anIndexEntryNamingAnyOtherObjectThanItsOwnArchiveIsRefusedAndDeletingItSparesThatObject() throws Exception {
        SnapshotEntry other = store(SnapshotId.create("main", T0), false, "another snapshot's archive");
        SnapshotEntry entry = store(SnapshotId.create("main", T0.plusSeconds(1)), false, "its own archive");
        String own = "snapshots/" + entry.id() + ".tar.zst";
        for (String archive : List.of("../../../../etc/passwd", "/etc/passwd", other.archive(), own + ".age",
                "index/" + entry.id() + ".json", "snapshots/" + entry.id() + ".tar.zst\u0000", "")) {
            String forged = new String(SnapshotEntryJson.write(entry), UTF_8)
                    .replace("\"archive\" : \"" + own + "\"", "\"archive\" : " + new com.fasterxml.jackson.databind.ObjectMapper()
                            .writeValueAsString(archive));
            put("index/" + entry.id() + ".json", forged);

            assertThatThrownBy(() -> catalog.get(entry.id())).as(archive).isInstanceOfSatisfying(TidemarkException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.ARCHIVE_INVALID);
                assertThat(e.getMessage()).startsWith("the index entry of snapshot " + entry.id() + " in ")
                        .endsWith(" instead of " + own).doesNotContain("\u0000");
            });
            assertThat(catalog.list()).as(archive).containsExactly(other);
        }

        catalog.delete(entry.id());
        assertThat(storage.list("")).extracting(StoredObject::name)
                .containsExactlyInAnyOrder("index/" + other.id() + ".json", other.archive());
        assertThat(catalog.get(other.id())).isEqualTo(other);
    }

    SnapshotEntry store(SnapshotId id, boolean encrypted, String content) throws IOException {
        try (PendingSnapshot pending = catalog.begin(id, encrypted)) {
            pending.stream().write(content.getBytes(UTF_8));
            return encrypted ? pending.commit("mariadb", null, null, List.of()) : pending.commit("sqlite", 2, 10L, null);
        }
    }

    void put(String name, String content) throws IOException {
        try (Upload upload = storage.create(name)) {
            upload.stream().write(content.getBytes(UTF_8));
            upload.commit();
        }
    }

    static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, SnapshotId id) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(e.getMessage()).startsWith("no snapshot " + id.value() + " in ");
            assertThat(e.hint()).isEqualTo("run `tidemark snapshot list`");
        });
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

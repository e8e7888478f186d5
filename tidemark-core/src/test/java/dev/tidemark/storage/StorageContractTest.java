package dev.tidemark.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SnapshotStorage} provider must show, clause by clause of the
 * {@link SnapshotStorage} and {@link Upload} contracts. A provider's test extends this class and
 * returns a fresh, empty storage from {@link #newStorage()}.
 */
public abstract class StorageContractTest {
    /** How far a provider's clock may be from this machine's when checking modification times. */
    protected static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(2);

    protected SnapshotStorage storage;

    /** A fresh, empty storage for one test; it is closed after the test. */
    protected abstract SnapshotStorage newStorage() throws Exception;

    @BeforeEach
    protected void openStorage() throws Exception {
        storage = newStorage();
        assertThat(storage.list("")).as("a new storage is empty").isEmpty();
    }

    @AfterEach
    protected void closeStorage() throws Exception {
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void objectIsInvisibleUntilCommitThenReadableWhole() throws Exception {
        try (Upload upload = storage.create("snapshots/a.tar.zst")) {
            upload.stream().write("first half ".getBytes(UTF_8));
            upload.stream().flush();
            upload.stream().write("second half".getBytes(UTF_8));

            assertThatThrownBy(() -> storage.open("snapshots/a.tar.zst")).isInstanceOf(NoSuchObjectException.class);
            assertThat(storage.stat("snapshots/a.tar.zst")).isEmpty();
            assertThat(storage.list("")).isEmpty();

            upload.commit();
        }
        assertThat(read("snapshots/a.tar.zst")).isEqualTo("first half second half");
        assertThat(names("")).containsExactly("snapshots/a.tar.zst");
    }

    @Test
    void closingTheStreamDoesNotCommit() throws Exception {
        try (Upload upload = storage.create("a")) {
            upload.stream().write("content".getBytes(UTF_8));
            upload.stream().close();
            assertThat(storage.stat("a")).isEmpty();
            upload.commit();
        }
        assertThat(read("a")).isEqualTo("content");
    }

    @Test
    void abortLeavesNothingAndKeepsTheObjectItWouldHaveReplaced() throws Exception {
        put("kept", "old content");
        Upload replacement = storage.create("kept");
        replacement.stream().write("new content".getBytes(UTF_8));
        Upload fresh = storage.create("never");
        fresh.stream().write("never visible".getBytes(UTF_8));

        replacement.abort();
        fresh.abort();
        fresh.abort(); // idempotent

        assertThat(read("kept")).isEqualTo("old content");
        assertThat(storage.stat("never")).isEmpty();
        assertThat(names("")).containsExactly("kept");
    }

    @Test
    void closeWithoutCommitAborts() throws Exception {
        try (Upload upload = storage.create("dir/abandoned")) {
            upload.stream().write(new byte[1000]);
        }
        assertThat(storage.stat("dir/abandoned")).isEmpty();
        assertThat(storage.list("")).isEmpty();
        assertThatThrownBy(() -> storage.open("dir/abandoned")).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void abortAfterCommitChangesNothingAndTheStreamIsClosed() throws Exception {
        Upload upload = storage.create("done");
        upload.stream().write("done".getBytes(UTF_8));
        upload.commit();
        upload.abort();
        upload.close();

        assertThat(read("done")).isEqualTo("done");
        assertThatThrownBy(() -> upload.stream().write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void commitAgainIsHarmlessButCommitAfterAbortFails() throws Exception {
        Upload committed = storage.create("twice");
        committed.stream().write("once".getBytes(UTF_8));
        committed.commit();
        committed.commit();
        assertThat(read("twice")).isEqualTo("once");

        Upload aborted = storage.create("aborted");
        aborted.stream().write("never".getBytes(UTF_8));
        aborted.abort();
        assertThatThrownBy(aborted::commit).isInstanceOf(IOException.class);
        assertThat(storage.stat("aborted")).isEmpty();
    }

    @Test
    void commitUnderAnExistingNameReplacesTheObject() throws Exception {
        put("index/x.json", "version one, longer than the second");
        put("index/x.json", "version two");

        assertThat(read("index/x.json")).isEqualTo("version two");
        assertThat(storage.list("")).singleElement()
                .satisfies(object -> assertThat(object.size()).isEqualTo("version two".length()));
    }

    @Test
    void emptyObjectsAreObjects() throws Exception {
        put("empty", "");
        assertThat(storage.stat("empty")).get().extracting(StoredObject::size).isEqualTo(0L);
        assertThat(read("empty")).isEmpty();
    }

    @Test
    void listIsSortedByNameAndFilteredByPrefix() throws Exception {
        for (String name : List.of("b", "a/2", "ab", "a/10", "snapshots/2/x", "a/1", "index/z.json", "a-b")) {
            put(name, name);
        }

        assertThat(names("")).containsExactly("a-b", "a/1", "a/10", "a/2", "ab", "b", "index/z.json", "snapshots/2/x");
        assertThat(names("a/")).containsExactly("a/1", "a/10", "a/2");
        assertThat(names("a")).containsExactly("a-b", "a/1", "a/10", "a/2", "ab");
        assertThat(names("a/1")).containsExactly("a/1", "a/10");
        assertThat(names("snapshots/")).containsExactly("snapshots/2/x");
        assertThat(names("snapshots/2/")).containsExactly("snapshots/2/x");
        assertThat(names("index/z.json")).containsExactly("index/z.json");
        assertThat(names("c")).isEmpty();
        assertThat(names("missing/folder/")).isEmpty();
    }

    @Test
    void statAndListReportSizeAndModificationTime() throws Exception {
        Instant before = Instant.now().minus(CLOCK_TOLERANCE);
        put("sized", "12345");
        Instant after = Instant.now().plus(CLOCK_TOLERANCE);

        StoredObject stat = storage.stat("sized").orElseThrow();
        assertThat(stat.name()).isEqualTo("sized");
        assertThat(stat.size()).isEqualTo(5);
        assertThat(stat.modified()).isBetween(before, after);
        assertThat(storage.list("sized")).containsExactly(stat);
    }

    @Test
    void missingObjectsAreReportedAsMissing() throws Exception {
        put("present", "x");
        assertThatThrownBy(() -> storage.open("absent")).isInstanceOf(NoSuchObjectException.class);
        assertThatThrownBy(() -> storage.open("present/below")).isInstanceOf(NoSuchObjectException.class);
        assertThat(storage.stat("absent")).isEmpty();
        assertThat(storage.stat("dir/absent")).isEmpty();
    }

    @Test
    void deleteRemovesAndIsIdempotent() throws Exception {
        put("a/x", "x");
        put("a/y", "y");

        storage.delete("a/x");
        storage.delete("a/x");
        storage.delete("never/existed");

        assertThat(storage.stat("a/x")).isEmpty();
        assertThat(names("")).containsExactly("a/y");
        assertThatThrownBy(() -> storage.open("a/x")).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void streamsLargeObjectsInChunksAndReadsThemBackExactly() throws Exception {
        int chunkSize = 1 << 20;
        int chunks = 64;
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] chunk = new byte[chunkSize];
        try (Upload upload = storage.create("snapshots/large.tar.zst")) {
            OutputStream out = upload.stream();
            for (int i = 0; i < chunks; i++) {
                random.nextBytes(chunk);
                written.update(chunk);
                out.write(chunk);
            }
            upload.commit();
        }

        assertThat(storage.stat("snapshots/large.tar.zst")).get()
                .extracting(StoredObject::size).isEqualTo((long) chunkSize * chunks);
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (InputStream in = storage.open("snapshots/large.tar.zst")) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                read.update(buffer, 0, n);
                total += n;
            }
        }
        assertThat(total).isEqualTo((long) chunkSize * chunks);
        assertThat(read.digest()).isEqualTo(written.digest());
    }

    @Test
    void uploadsOfDifferentNamesRunConcurrently() throws Exception {
        int uploads = 6;
        // Every upload is open and half written before any commits, so their lifetimes overlap.
        CyclicBarrier allOpen = new CyclicBarrier(uploads);
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        try {
            List<Future<Void>> results = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                String name = "parallel/" + i;
                results.add(pool.submit((Callable<Void>) () -> {
                    try (Upload upload = storage.create(name)) {
                        upload.stream().write(("start of " + name).getBytes(UTF_8));
                        allOpen.await(1, TimeUnit.MINUTES);
                        upload.stream().write((", end of " + name).getBytes(UTF_8));
                        upload.commit();
                    }
                    return null;
                }));
            }
            for (Future<Void> result : results) {
                result.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(storage.list("parallel/")).hasSize(uploads);
        for (int i = 0; i < uploads; i++) {
            assertThat(read("parallel/" + i)).isEqualTo("start of parallel/" + i + ", end of parallel/" + i);
        }
    }

    @Test
    void rejectsNamesThatCouldEscapeOrAreMalformed() throws Exception {
        List<String> invalid = List.of("", "/absolute", "../up", "a/../../up", "a/..", "..", "a\\b", "a//b",
                "trailing/", "./here", ".hidden", "a/.hidden", "space name", "new\nline", "ümlaut");
        for (String name : invalid) {
            assertThatThrownBy(() -> storage.create(name)).as("create(%s)", name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.open(name)).as("open(%s)", name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.stat(name)).as("stat(%s)", name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.delete(name)).as("delete(%s)", name).isInstanceOf(IllegalArgumentException.class);
        }
        for (String prefix : List.of("/", "../", "a/../", "a\\", "a//", ".hidden")) {
            assertThatThrownBy(() -> storage.list(prefix)).as("list(%s)", prefix).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(storage.list("")).isEmpty();

        put("Snapshots_2026/a-b.c_d/20261125T125012345Z-main-3fa2c1.tar.zst.age", "ok");
        assertThat(names("Snapshots_2026/")).containsExactly("Snapshots_2026/a-b.c_d/20261125T125012345Z-main-3fa2c1.tar.zst.age");
    }

    @Test
    void describeNamesTheProvider() {
        assertThat(storage.describe()).isNotBlank();
    }

    /** Stores {@code content} under {@code name} through a committed upload. */
    protected void put(String name, String content) throws IOException {
        try (Upload upload = storage.create(name)) {
            upload.stream().write(content.getBytes(UTF_8));
            upload.commit();
        }
    }

    /** The whole content of a committed object. */
    protected String read(String name) throws IOException {
        try (InputStream in = storage.open(name)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    protected List<String> names(String prefix) throws IOException {
        return storage.list(prefix).stream().map(StoredObject::name).toList();
    }
}

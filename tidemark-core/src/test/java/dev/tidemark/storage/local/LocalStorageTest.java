package dev.tidemark.storage.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.storage.StoredObject;
import dev.tidemark.storage.Upload;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageTest {
    @TempDir
    Path temp;

    @Test
    void objectsAreFilesUnderTheFolderAndNothingElseRemainsAfterCommit() throws Exception {
        Path folder = temp.resolve("missing/parents/snapshots");
        LocalStorage storage = new LocalStorage(folder);
        put(storage, "snapshots/a.tar.zst", "archive");

        assertThat(Files.readString(folder.resolve("snapshots/a.tar.zst"))).isEqualTo("archive");
        assertThat(regularFiles(folder)).containsExactly(folder.resolve("snapshots/a.tar.zst"));
        assertThat(storage.describe()).isEqualTo("local " + folder.toAbsolutePath());
    }

    @Test
    void uploadWritesToAHiddenTemporaryFileBesideItsTarget() throws Exception {
        LocalStorage storage = new LocalStorage(temp);
        try (Upload upload = storage.create("index/x.json")) {
            upload.stream().write("{}".getBytes(UTF_8));
            upload.stream().flush();

            List<Path> files = regularFiles(temp);
            assertThat(files).singleElement().satisfies(file -> {
                assertThat(file.getParent()).isEqualTo(temp.resolve("index"));
                assertThat(file.getFileName().toString()).startsWith(".x.json.").endsWith(".partial");
            });
            assertThat(storage.list("")).isEmpty();
        }
        assertThat(regularFiles(temp)).as("abandoned upload removed its temporary file").isEmpty();
    }

    @Test
    void commitSyncsTheFileBeforeTheRenameAndTheFolderAfterIt() throws Exception {
        List<String> events = new ArrayList<>();
        Path target = temp.resolve("dir/object");
        LocalStorage storage = new LocalStorage(temp, Duration.ofHours(1), new LocalFileHooks() {
            @Override
            public void syncFile(FileChannel channel) throws IOException {
                events.add("file synced, size " + channel.size() + ", target exists " + Files.exists(target));
                channel.force(true);
            }

            @Override
            public void syncDirectory(Path directory) throws IOException {
                events.add("folder " + temp.relativize(directory) + " synced, target exists " + Files.exists(target));
                LocalFileHooks.SYSTEM.syncDirectory(directory);
            }
        });
        put(storage, "dir/object", "12345");

        assertThat(events).containsExactly("file synced, size 5, target exists false", "folder dir synced, target exists true");
    }

    @Test
    void diskFullWhileWritingLeavesNoObjectNoTemporaryFileAndSaysWhy() throws Exception {
        LocalStorage storage = new LocalStorage(temp, Duration.ofHours(1), failingAfter(300 * 1024));
        Upload upload = storage.create("snapshots/full.tar.zst");
        byte[] chunk = new byte[64 * 1024];

        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                upload.stream().write(chunk);
            }
        }).isInstanceOf(IOException.class)
                .hasMessageContaining("snapshots/full.tar.zst")
                .hasMessageContaining(temp.toString())
                .hasMessageContaining("No space left on device");
        assertThat(regularFiles(temp)).as("the failed write removed the temporary file at once").isEmpty();
        assertThatThrownBy(upload::commit).isInstanceOf(IOException.class);
        upload.close();

        assertThat(regularFiles(temp)).isEmpty();
        assertThat(storage.stat("snapshots/full.tar.zst")).isEmpty();
    }

    @Test
    void diskFullWhileCommittingKeepsThePreviousObjectAndLeavesNoTemporaryFile() throws Exception {
        LocalStorage healthy = new LocalStorage(temp);
        put(healthy, "index/x.json", "previous");
        LocalStorage full = new LocalStorage(temp, Duration.ofHours(1), failingAfter(0));

        Upload upload = full.create("index/x.json");
        upload.stream().write("buffered, reaches the disk on commit".getBytes(UTF_8));
        assertThatThrownBy(upload::commit).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot store index/x.json in local " + temp)
                .hasMessageContaining("No space left on device");

        assertThat(read(healthy, "index/x.json")).isEqualTo("previous");
        assertThat(regularFiles(temp)).containsExactly(temp.resolve("index/x.json"));
    }

    @Test
    void failedFsyncOfFileOrFolderLeavesNoVisibleObject() throws Exception {
        LocalStorage fileSyncFails = new LocalStorage(temp, Duration.ofHours(1), new LocalFileHooks() {
            @Override
            public void syncFile(FileChannel channel) throws IOException {
                throw new IOException("Input/output error");
            }
        });
        LocalStorage folderSyncFails = new LocalStorage(temp, Duration.ofHours(1), new LocalFileHooks() {
            @Override
            public void syncDirectory(Path directory) throws IOException {
                throw new IOException("Input/output error");
            }
        });

        assertThatThrownBy(() -> put(fileSyncFails, "a", "x")).hasMessageContaining("Input/output error");
        assertThatThrownBy(() -> put(folderSyncFails, "b", "x")).hasMessageContaining("Input/output error");
        assertThat(regularFiles(temp)).isEmpty();
    }

    @Test
    void readersOfAReplacedObjectKeepReadingTheVersionTheyOpened() throws Exception {
        LocalStorage storage = new LocalStorage(temp);
        String old = "old ".repeat(100_000);
        put(storage, "object", old);
        try (InputStream reader = storage.open("object")) {
            byte[] start = reader.readNBytes(4);
            put(storage, "object", "new");
            assertThat(new String(start, UTF_8) + new String(reader.readAllBytes(), UTF_8)).isEqualTo(old);
        }
        assertThat(read(storage, "object")).isEqualTo("new");
    }

    @Test
    void listSkipsHiddenAndForeignFiles() throws Exception {
        LocalStorage storage = new LocalStorage(temp);
        put(storage, "snapshots/a", "a");
        Files.writeString(temp.resolve(".DS_Store"), "x");
        Files.writeString(temp.resolve("snapshots/notes about this.txt"), "x");
        Files.createDirectories(temp.resolve(".trash"));
        Files.writeString(temp.resolve(".trash/old"), "x");

        assertThat(storage.list("")).extracting(StoredObject::name).containsExactly("snapshots/a");
    }

    @Test
    void objectsAreReadableByTheirOwnerOnly() throws Exception {
        requirePosix();
        LocalStorage storage = new LocalStorage(temp);
        put(storage, "snapshots/a.tar.zst", "whole database");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("snapshots/a.tar.zst"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aFolderThatIsASymbolicLinkIsFollowedAndLinkLoopsDoNotBreakListing() throws Exception {
        requirePosix();
        Path real = Files.createDirectories(temp.resolve("disk/snapshots"));
        Path link = Files.createSymbolicLink(temp.resolve("snapshots"), real);
        LocalStorage storage = new LocalStorage(link);
        put(storage, "index/a.json", "{}");
        Files.createSymbolicLink(real.resolve("index/loop"), real);

        assertThat(real.resolve("index/a.json")).hasContent("{}");
        assertThat(storage.list("")).extracting(StoredObject::name).contains("index/a.json");
        assertThat(storage.list("index/")).extracting(StoredObject::name).contains("index/a.json");
        assertThat(storage.cleanupIncomplete(Duration.ZERO)).isZero();
    }

    @Test
    void cleanupRemovesAbandonedTemporaryFilesButNeverOpenUploads() throws Exception {
        LocalStorage storage = new LocalStorage(temp);
        Files.createDirectories(temp.resolve("snapshots"));
        Path stale = Files.writeString(temp.resolve("snapshots/.crashed.tar.zst.0011223344556677.partial"), "stale");
        Path recent = Files.writeString(temp.resolve(".recent.0011223344556677.partial"), "recent");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Upload running = storage.create("snapshots/running.tar.zst");
        running.stream().write("still writing".getBytes(UTF_8));
        running.stream().flush();
        Path runningTemp = regularFiles(temp).stream()
                .filter(file -> file.getFileName().toString().startsWith(".running")).findFirst().orElseThrow();
        Files.setLastModifiedTime(runningTemp, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
        put(storage, "snapshots/done.tar.zst", "done");

        storage.cleanupIncomplete();
        assertThat(stale).doesNotExist();
        assertThat(recent).exists();
        assertThat(runningTemp).exists();

        assertThat(storage.cleanupIncomplete(Duration.ZERO)).isEqualTo(1);
        assertThat(recent).doesNotExist();
        assertThat(runningTemp).exists();

        running.commit();
        assertThat(read(storage, "snapshots/running.tar.zst")).isEqualTo("still writing");
        assertThat(storage.list("snapshots/")).extracting(StoredObject::name)
                .containsExactly("snapshots/done.tar.zst", "snapshots/running.tar.zst");
        assertThat(regularFiles(temp)).hasSize(2);
    }

    @Test
    void aFileWhereTheFolderShouldBeIsAStorageError() throws Exception {
        Path blocker = Files.writeString(temp.resolve("blocker"), "x");

        assertThatThrownBy(() -> new LocalStorage(blocker))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.STORAGE);
                    assertThat(e.getMessage()).isEqualTo("cannot create the snapshot folder " + blocker + ": a file of that name is in the way");
                    assertThat(e.hint()).contains("SNAPSHOTS_STORAGE_LOCAL_DIR");
                });
        assertThatThrownBy(() -> new LocalStorage(blocker.resolve("below")))
                .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.STORAGE));
    }

    /** Tidemark runs on POSIX systems; these tests must not quietly pass elsewhere. */
    private static void requirePosix() {
        assertThat(java.nio.file.FileSystems.getDefault().supportedFileAttributeViews())
                .as("the test file system supports POSIX permissions").contains("posix");
    }

    /** Hooks whose file stream fails like a full disk once {@code capacity} bytes were written. */
    private static LocalFileHooks failingAfter(int capacity) {
        return new LocalFileHooks() {
            @Override
            public OutputStream decorate(OutputStream fileStream) {
                return new FilterOutputStream(fileStream) {
                    private long written;

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        if (written + length > capacity) {
                            throw new IOException("No space left on device");
                        }
                        written += length;
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }
                };
            }
        };
    }

    private static void put(LocalStorage storage, String name, String content) throws IOException {
        try (Upload upload = storage.create(name)) {
            upload.stream().write(content.getBytes(UTF_8));
            upload.commit();
        }
    }

    private static String read(LocalStorage storage, String name) throws IOException {
        try (InputStream in = storage.open(name)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static List<Path> regularFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}

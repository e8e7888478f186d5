package dev.tidemark.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A folder of this process under {@code DATA_DIR/tmp} — for parts staged during a snapshot, or the
 * SQLite driver's native library — named {@code <purpose>-<pid>-<random>}. The process holds an
 * {@link OwnerLock} on the folder's {@code .owner.lock} for as long as it uses the folder, so that
 * {@link #removeAbandoned} in any process removes the folders of processes that are gone (killed,
 * crashed) and never those of live ones.
 */
public final class WorkFolder implements AutoCloseable {
    /** Abandoned folders younger than this are left alone: their owner may be taking its lock right now. */
    public static final Duration GRACE = Duration.ofMinutes(10);
    /** Staged part files that older versions kept directly in the folder, untouched for this long, are removed. */
    static final Duration LOOSE_PART_AGE = Duration.ofHours(1);

    private static final String LOCK_FILE = ".owner.lock";
    private static final Pattern NAME = Pattern.compile("[a-z]+-\\d+-[0-9a-f]{16}");
    private static final Pattern LOOSE_PART = Pattern.compile("tidemark-part-.*\\.csv");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
                    : null;

    private final Path folder;
    private final Path lockFile;
    private final FileChannel lock;

    private WorkFolder(Path folder, Path lockFile, FileChannel lock) {
        this.folder = folder;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Creates a folder for {@code purpose} (lower-case letters) in {@code parent}, created if missing,
     * and locks it for this process until {@link #close()} or the process ends.
     */
    public static WorkFolder create(Path parent, String purpose) throws IOException {
        Files.createDirectories(parent);
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        Path folder = parent.toAbsolutePath().resolve(purpose + "-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().formatHex(random));
        if (OWNER_ONLY == null) {
            Files.createDirectory(folder);
        } else {
            Files.createDirectory(folder, OWNER_ONLY);
        }
        Path lockFile = folder.resolve(LOCK_FILE);
        OwnerLock.claim(lockFile);
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OwnerLock.hold(channel);
            return new WorkFolder(folder, lockFile, channel);
        } catch (IOException | RuntimeException e) {
            OwnerLock.release(lockFile);
            deleteTree(folder);
            throw e;
        }
    }

    /** The folder. */
    public Path path() {
        return folder;
    }

    /** Deletes the folder with everything in it and gives up the lock. Never throws. */
    @Override
    public void close() {
        try {
            deleteTree(folder);
        } catch (IOException e) {
            // what is left is removed by the next removeAbandoned, now that the lock is free
        }
        try {
            lock.close();
        } catch (IOException ignored) {
            // closing releases the lock; a failure to close leaves it to the end of the process
        }
        OwnerLock.release(lockFile);
    }

    /**
     * Removes from {@code parent} the work folders whose owner is gone and that are older than
     * {@link #GRACE}, and staged part files older versions left directly in it; folders of live
     * processes (this one included) are kept, as are folders on file systems without locks.
     *
     * @return how many folders and files were removed
     */
    public static int removeAbandoned(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        Instant now = Instant.now();
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                Instant modified = attributes.lastModifiedTime().toInstant();
                if (attributes.isDirectory() && NAME.matcher(name).matches()
                        && modified.isBefore(now.minus(GRACE)) && abandoned(entry.resolve(LOCK_FILE))) {
                    deleteTree(entry);
                    removed++;
                } else if (attributes.isRegularFile() && LOOSE_PART.matcher(name).matches()
                        && modified.isBefore(now.minus(LOOSE_PART_AGE)) && Files.deleteIfExists(entry)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private static boolean abandoned(Path lockFile) {
        if (!Files.exists(lockFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return true; // its owner died before it could lock it, more than GRACE ago
        }
        return OwnerLock.probe(lockFile) == OwnerLock.State.FREE;
    }

    /** Deletes {@code root} and what is in it; symbolic links are removed, never followed. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

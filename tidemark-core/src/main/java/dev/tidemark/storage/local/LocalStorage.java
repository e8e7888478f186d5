package dev.tidemark.storage.local;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.files.OwnerLock;
import dev.tidemark.storage.NoSuchObjectException;
import dev.tidemark.storage.ObjectNames;
import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.StoredObject;
import dev.tidemark.storage.Upload;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Snapshot storage in a local folder. Object {@code a/b.tar.zst} is the file {@code <folder>/a/b.tar.zst}.
 * Uploads go to a hidden temporary file {@code .<file>.<random>.partial} in the object's own folder and
 * are renamed into place atomically on commit, after an fsync of the file; the folder is fsync'd after
 * the rename. Files whose name starts with a dot are never listed or served. On POSIX file systems
 * objects are created readable by their owner only ({@code rw-------}), since an archive holds a whole
 * database. Symbolic links inside the folder (or the folder itself being one) are followed.
 *
 * <p>The writing process holds a lock on its temporary file ({@link OwnerLock}) until the upload ends,
 * and the operating system drops it when the process dies, kill -9 included. {@link #cleanupIncomplete()}
 * removes temporary files whose lock is free and that have not been written to for the configured age
 * (ten minutes by default); it never touches an upload that is still running, in this process or
 * another, so it is safe to run while other processes upload into the same folder. Where the file
 * system has no locks, a temporary file is removed only after an hour without writes.
 * {@link #cleanupIncomplete(Duration)} takes the age explicitly.
 */
public final class LocalStorage implements SnapshotStorage {
    /** How long an abandoned temporary file must have been left untouched before cleanup removes it. */
    public static final Duration DEFAULT_INCOMPLETE_AGE = Duration.ofMinutes(10);
    /** The same, where the file system cannot tell whether a writer is alive (no locks). */
    public static final Duration LOCKLESS_INCOMPLETE_AGE = Duration.ofHours(1);

    private static final String TEMP_SUFFIX = ".partial";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<FileVisitOption> FOLLOW_LINKS = EnumSet.of(FileVisitOption.FOLLOW_LINKS);
    /** Archives hold whole databases: on POSIX file systems only their owner may read them. */
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                    : null;

    private final Path root;
    private final Duration incompleteAge;
    private final LocalFileHooks hooks;

    /**
     * Storage in {@code folder}, created with its parents if missing.
     *
     * @throws TidemarkException of kind {@link ErrorKind#STORAGE} when the folder cannot be created or
     *         is not a writable folder
     */
    public LocalStorage(Path folder) {
        this(folder, DEFAULT_INCOMPLETE_AGE);
    }

    /** As {@link #LocalStorage(Path)}, with the age after which {@link #cleanupIncomplete()} removes leftovers. */
    public LocalStorage(Path folder, Duration incompleteAge) {
        this(folder, incompleteAge, LocalFileHooks.SYSTEM);
    }

    LocalStorage(Path folder, Duration incompleteAge, LocalFileHooks hooks) {
        this.root = Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize();
        this.incompleteAge = requireNonNegative(incompleteAge);
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        prepareFolder();
    }

    /** The folder holding the objects. */
    public Path folder() {
        return root;
    }

    @Override
    public String describe() {
        return "local " + root;
    }

    @Override
    public Upload create(String name) throws IOException {
        Path target = resolve(name);
        Path parent = target.getParent();
        Path temp = parent.resolve("." + target.getFileName() + "." + randomHex() + TEMP_SUFFIX);
        FileChannel channel;
        try {
            Files.createDirectories(parent);
            OwnerLock.claim(temp);
            channel = OWNER_ONLY == null
                    ? FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                    : FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY);
        } catch (IOException e) {
            OwnerLock.release(temp);
            throw failure("create", name, e);
        }
        OwnerLock.hold(channel);
        return new LocalUpload(this, hooks, name, target, temp, channel);
    }

    @Override
    public InputStream open(String name) throws IOException {
        Path file = resolve(name);
        if (Files.isDirectory(file)) {
            throw new NoSuchObjectException(name);
        }
        try {
            return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException(name);
        } catch (FileSystemException e) {
            if (!Files.exists(file)) {
                throw new NoSuchObjectException(name);
            }
            throw failure("read", name, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String name) throws IOException {
        Path file = resolve(name);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new StoredObject(name, attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (FileSystemException e) {
            // e.g. "Not a directory" when a parent segment is a file: the object cannot exist.
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            throw failure("read", name, e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        ObjectNames.requireValidPrefix(prefix);
        int lastSlash = prefix.lastIndexOf('/');
        Path start = lastSlash < 0 ? root : root.resolve(prefix.substring(0, lastSlash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<StoredObject> objects = new ArrayList<>();
        Files.walkFileTree(start, FOLLOW_LINKS, Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return dir.equals(start) || !isHidden(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !isHidden(file)) {
                    String name = nameOf(file);
                    if (name.startsWith(prefix) && isValidName(name)) {
                        objects.add(new StoredObject(name, attributes.size(), attributes.lastModifiedTime().toInstant()));
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // A temporary file may vanish between reading the folder and reading its attributes;
                // a symbolic link back up the tree must not make the listing fail.
                if (e instanceof NoSuchFileException || e instanceof FileSystemLoopException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure("list", prefix, e);
            }
        });
        objects.sort(Comparator.comparing(StoredObject::name));
        return objects;
    }

    @Override
    public void delete(String name) throws IOException {
        Path file = resolve(name);
        if (Files.isDirectory(file)) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (FileSystemException e) {
            if (Files.exists(file)) {
                throw failure("delete", name, e);
            }
        }
    }

    /** Removes abandoned temporary files (see the class comment). */
    @Override
    public int cleanupIncomplete() throws IOException {
        return cleanupIncomplete(incompleteAge);
    }

    /**
     * Removes temporary files of uploads whose writer is gone (no process holds their lock) and that were
     * last written more than {@code olderThan} ago; running uploads, of any process, are always kept.
     *
     * @return how many files were removed
     */
    public int cleanupIncomplete(Duration olderThan) throws IOException {
        Instant now = Instant.now();
        Instant cutoff = now.minus(requireNonNegative(olderThan));
        Instant locklessCutoff = now.minus(olderThan.compareTo(LOCKLESS_INCOMPLETE_AGE) > 0 ? olderThan : LOCKLESS_INCOMPLETE_AGE);
        List<Path> leftovers = new ArrayList<>();
        Files.walkFileTree(root, FOLLOW_LINKS, Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String fileName = file.getFileName().toString();
                Instant modified = attributes.lastModifiedTime().toInstant();
                if (attributes.isRegularFile() && fileName.startsWith(".") && fileName.endsWith(TEMP_SUFFIX)
                        && !modified.isAfter(cutoff)) {
                    OwnerLock.State owner = OwnerLock.probe(file);
                    if (owner == OwnerLock.State.FREE
                            || owner == OwnerLock.State.UNKNOWN && !modified.isAfter(locklessCutoff)) {
                        leftovers.add(file);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException || e instanceof FileSystemLoopException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure("clean up", nameOf(file), e);
            }
        });
        int removed = 0;
        for (Path leftover : leftovers) {
            if (Files.deleteIfExists(leftover)) {
                removed++;
            }
        }
        return removed;
    }

    void forget(LocalUpload upload) {
        OwnerLock.release(upload.tempFile());
    }

    /** An IOException whose one-line message says what failed, where, and why (never a credential: paths only). */
    IOException failure(String action, String name, IOException cause) {
        String reason = TidemarkException.reasonOf(cause);
        if (cause instanceof FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason();
        }
        String message = "cannot " + action + " " + name + " in " + describe() + ": " + reason;
        if (reason.toLowerCase(java.util.Locale.ROOT).contains("no space left")) {
            message += " (" + usableSpace() + " free)";
        }
        return new IOException(message, cause);
    }

    private String usableSpace() {
        try {
            long bytes = Files.getFileStore(root).getUsableSpace();
            return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : bytes + " bytes";
        } catch (IOException e) {
            return "unknown space";
        }
    }

    private Path resolve(String name) {
        Path file = root.resolve(ObjectNames.requireValid(name)).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("object name leaves the storage folder: " + name);
        }
        return file;
    }

    private String nameOf(Path file) {
        StringBuilder name = new StringBuilder();
        for (Path segment : root.relativize(file)) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(segment);
        }
        return name.toString();
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private static boolean isValidName(String name) {
        try {
            ObjectNames.requireValid(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void prepareFolder() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                    : e.getClass().getSimpleName();
            if (e instanceof java.nio.file.FileAlreadyExistsException) {
                reason = "a file of that name is in the way";
            } else if (e instanceof java.nio.file.AccessDeniedException) {
                reason = "permission denied";
            }
            throw new TidemarkException(ErrorKind.STORAGE, "cannot create the snapshot folder " + root + ": " + reason,
                    "create it, or set SNAPSHOTS_STORAGE_LOCAL_DIR to a writable folder", e);
        }
        if (!Files.isWritable(root)) {
            throw new TidemarkException(ErrorKind.STORAGE, "the snapshot folder " + root + " is not writable",
                    "give this user write permission, or set SNAPSHOTS_STORAGE_LOCAL_DIR to a writable folder");
        }
    }

    private static Duration requireNonNegative(Duration age) {
        if (Objects.requireNonNull(age, "age").isNegative()) {
            throw new IllegalArgumentException("age must not be negative: " + age);
        }
        return age;
    }

    private static String randomHex() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

package dev.tidemark.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a file that a live process is still using from one that a dead process left behind. The
 * owner holds an operating-system lock ({@link FileChannel#tryLock()}) on the file for as long as it
 * uses it; the system drops the lock when the process ends, however it ends (kill -9 included). A
 * cleaner removes only files whose lock it could take itself.
 *
 * <p>Within one JVM a lock cannot be probed safely: on POSIX systems closing any channel of a file
 * drops every lock the process holds on it. So owners also {@linkplain #claim claim} their files here
 * before creating them, and {@link #probe} answers {@link State#HELD} for claimed files without
 * opening them. Claims are keyed by the real path of the file's folder, so that two paths to the same
 * folder (a symbolic link) are one claim.
 */
public final class OwnerLock {
    /** What {@link #probe} found out about a file. */
    public enum State {
        /** A live process (maybe this one) uses the file. */
        HELD,
        /** No process holds the file's lock: its owner is gone (or it never had one). */
        FREE,
        /** The file cannot be opened or the file system has no locks: nothing is known. */
        UNKNOWN
    }

    private static final Set<Path> CLAIMED = ConcurrentHashMap.newKeySet();

    private OwnerLock() {
    }

    /**
     * Claims {@code file} for this JVM; call before creating it, so that no cleaner of this JVM ever
     * opens it. Its folder must exist.
     */
    public static void claim(Path file) throws IOException {
        CLAIMED.add(key(file));
    }

    /** Gives up the claim on {@code file}, once it is renamed, deleted or no longer in use. */
    public static void release(Path file) {
        try {
            CLAIMED.remove(key(file));
        } catch (IOException folderGone) {
            // the folder is gone, so was the file; a claim on a path that cannot come back is harmless
        }
    }

    /**
     * Takes the lock on a channel open for writing, to hold until the channel is closed.
     *
     * @return false when the file system does not support locks (cleaners then know nothing)
     */
    public static boolean hold(FileChannel channel) {
        try {
            return channel.tryLock() != null;
        } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether a live process holds {@code file}; never disturbs a lock of this JVM. */
    public static State probe(Path file) {
        try {
            if (CLAIMED.contains(key(file))) {
                return State.HELD;
            }
        } catch (IOException folderGone) {
            return State.UNKNOWN;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
            if (lock == null) {
                return State.HELD;
            }
            lock.release();
            return State.FREE;
        } catch (OverlappingFileLockException heldHere) {
            return State.HELD;
        } catch (NoSuchFileException gone) {
            return State.FREE;
        } catch (IOException | UnsupportedOperationException e) {
            return State.UNKNOWN;
        }
    }

    private static Path key(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        return absolute.getParent().toRealPath().resolve(absolute.getFileName().toString());
    }
}

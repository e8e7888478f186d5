package dev.tidemark.storage.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The points where {@link LocalStorage} touches the disk in ways tests cannot provoke on a healthy
 * machine (a full disk, a failing fsync). Production uses {@link #SYSTEM}; tests substitute failures.
 */
interface LocalFileHooks {
    boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");

    LocalFileHooks SYSTEM = new LocalFileHooks() {
    };

    /** The stream the upload writes the object's bytes through, before buffering. */
    default OutputStream decorate(OutputStream fileStream) {
        return fileStream;
    }

    /** Makes the temporary file's content durable before it is renamed into place. */
    default void syncFile(FileChannel channel) throws IOException {
        channel.force(true);
    }

    /** Makes a rename inside {@code directory} durable. */
    default void syncDirectory(Path directory) throws IOException {
        // Windows cannot open a directory as a channel; NTFS journals the rename itself.
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}

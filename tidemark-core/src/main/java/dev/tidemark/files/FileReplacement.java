package dev.tidemark.files;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Replaces a small file of Tidemark's own state (the admin password hash, the API keys) all at once:
 * the new content goes to a hidden temporary file beside it, is synced, and is renamed over the old
 * file. A failure on the way (a full disk, a crash of the writer) leaves the old file as it was, and
 * the temporary file is removed. The file is readable by its owner only on POSIX file systems.
 */
public final class FileReplacement {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                    : null;

    /** Writes the new content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private FileReplacement() {
    }

    /**
     * Replaces {@code file} (creating it and its folder if missing) with what {@code content} writes.
     *
     * @throws IOException when the content cannot be written or moved into place; {@code file} is then unchanged
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        Files.createDirectories(folder);
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        Path temporary = folder.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(random) + ".tmp");
        try {
            Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try (FileChannel channel = OWNER_ONLY == null ? FileChannel.open(temporary, options)
                    : FileChannel.open(temporary, options, OWNER_ONLY)) {
                OutputStream out = Channels.newOutputStream(channel);
                // writers such as Jackson close what they are given; the channel must stay open to be synced
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        syncFolder(folder);
    }

    /** Makes the rename durable where the platform allows opening a folder (not on Windows). */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException unsupported) {
            // the new content is in place; only its durability across a power cut is not guaranteed here
        }
    }
}

package dev.tidemark.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stages one CSV part in a temporary file (encrypted with a key held only in memory, see {@link SpoolCipher}),
 * counting its bytes (parts are cut on the count after a record) and hashing them on the way.
 */
final class PartSpool {
    private final Path file;
    private final SpoolCipher cipher = new SpoolCipher();
    private final OutputStream out;
    private final MessageDigest sha256;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private long bytes;
    private boolean open = true;

    PartSpool(Path spoolDir) throws IOException {
        this(spoolDir, true);
    }

    /** @param hashed whether to compute the SHA-256 of the bytes ({@link #complete()} returns null if not) */
    PartSpool(Path spoolDir, boolean hashed) throws IOException {
        Files.createDirectories(spoolDir);
        this.file = Files.createTempFile(spoolDir, "tidemark-part-", ".csv");
        try {
            this.out = cipher.encryptingWriter(file);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        this.sha256 = hashed ? newSha256() : null;
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    /** The completed part's plain bytes, read back from the encrypted staging file. */
    InputStream read() throws IOException {
        return cipher.decryptingReader(file);
    }

    /** Bytes written so far. */
    long bytes() {
        return bytes;
    }

    /** Appends one byte of UTF-8 text. */
    void writeByte(int b) throws IOException {
        if (position == buffer.length) {
            drain();
        }
        buffer[position++] = (byte) b;
        bytes++;
    }

    /** Appends bytes of UTF-8 text. */
    void writeUtf8(byte[] data, int offset, int length) throws IOException {
        while (length > 0) {
            if (position == buffer.length) {
                drain();
            }
            int n = Math.min(length, buffer.length - position);
            System.arraycopy(data, offset, buffer, position, n);
            position += n;
            this.bytes += n;
            offset += n;
            length -= n;
        }
    }

    private void drain() throws IOException {
        if (sha256 != null) {
            sha256.update(buffer, 0, position);
        }
        out.write(buffer, 0, position);
        position = 0;
    }

    /** Ends the part: writes what is buffered and closes the file. Returns the hex SHA-256 of its bytes, if hashed. */
    String complete() throws IOException {
        drain();
        open = false;
        out.close();
        return sha256 == null ? null : HexFormat.of().formatHex(sha256.digest());
    }

    /** Closes and deletes the file (also after {@link #complete()}). Never throws. */
    void discard() {
        try {
            if (open) {
                open = false;
                out.close();
            }
        } catch (IOException ignored) {
            // the file is being thrown away
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort; the file lives in the spool directory the caller chose
        }
    }
}

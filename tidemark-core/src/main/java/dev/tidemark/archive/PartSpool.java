package dev.tidemark.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stages one CSV part in a temporary file (encrypted with a key held only in memory, see {@link SpoolCipher}), encoding characters to UTF-8 itself so that the part's
 * exact byte count is known after every record (parts are cut on it) and hashing the bytes on the way.
 * Unpaired surrogates are written as {@code ?}, as Java's own UTF-8 encoder does.
 */
final class PartSpool extends Writer {
    private final Path file;
    private final SpoolCipher cipher = new SpoolCipher();
    private final OutputStream out;
    private final MessageDigest sha256;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private long bytes;
    private char pendingHighSurrogate;
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

    /** UTF-8 bytes written so far; a pending high surrogate is not yet counted. */
    long bytes() {
        return bytes;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        for (int i = offset, end = offset + length; i < end; i++) {
            encode(chars[i]);
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        for (int i = offset, end = offset + length; i < end; i++) {
            encode(text.charAt(i));
        }
    }

    @Override
    public void write(int c) throws IOException {
        encode((char) c);
    }

    private void encode(char c) throws IOException {
        if (buffer.length - position < 4) {
            drain();
        }
        if (pendingHighSurrogate != 0) {
            char high = pendingHighSurrogate;
            pendingHighSurrogate = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                put((byte) (0xF0 | (cp >> 18)));
                put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                put((byte) (0x80 | (cp & 0x3F)));
                return;
            }
            put((byte) '?');
            encode(c);
            return;
        }
        if (c < 0x80) {
            put((byte) c);
        } else if (c < 0x800) {
            put((byte) (0xC0 | (c >> 6)));
            put((byte) (0x80 | (c & 0x3F)));
        } else if (Character.isHighSurrogate(c)) {
            pendingHighSurrogate = c;
        } else if (Character.isLowSurrogate(c)) {
            put((byte) '?');
        } else {
            put((byte) (0xE0 | (c >> 12)));
            put((byte) (0x80 | ((c >> 6) & 0x3F)));
            put((byte) (0x80 | (c & 0x3F)));
        }
    }

    /** Appends bytes that already are UTF-8 text, e.g. a database's own CSV output. */
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

    private void put(byte b) {
        buffer[position++] = b;
        bytes++;
    }

    private void drain() throws IOException {
        if (sha256 != null) {
            sha256.update(buffer, 0, position);
        }
        out.write(buffer, 0, position);
        position = 0;
    }

    /** Characters are encoded as they arrive; the file is only written when the buffer fills or at the end. */
    @Override
    public void flush() {
    }

    /** Ends the part: writes what is buffered and closes the file. Returns the hex SHA-256 of its bytes, if hashed. */
    String complete() throws IOException {
        if (pendingHighSurrogate != 0) {
            pendingHighSurrogate = 0;
            put((byte) '?');
        }
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

    @Override
    public void close() {
        discard();
    }
}

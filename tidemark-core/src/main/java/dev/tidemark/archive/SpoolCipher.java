package dev.tidemark.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps a staged part unreadable on disk: it is written with AES-CTR under a random key that exists
 * only in this object's memory, and read back once when it is appended to the archive. So table data
 * never lies on disk in plain text, even for a moment, which matters when snapshots are encrypted
 * and would be harmless otherwise. The archive's own integrity checks (SHA-256 of every part) are
 * computed over the plain bytes before they reach this layer.
 */
final class SpoolCipher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int CHUNK = 64 * 1024;
    private static final int SLICE = 2 * 1024;

    private final SecretKeySpec key;
    private final IvParameterSpec iv;

    SpoolCipher() {
        byte[] keyBytes = new byte[32];
        byte[] ivBytes = new byte[16];
        RANDOM.nextBytes(keyBytes);
        RANDOM.nextBytes(ivBytes);
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.iv = new IvParameterSpec(ivBytes);
    }

    OutputStream encryptingWriter(Path file) throws IOException {
        return new EncryptingStream(Files.newOutputStream(file), cipher(Cipher.ENCRYPT_MODE));
    }

    InputStream decryptingReader(Path file) throws IOException {
        return new DecryptingStream(Files.newInputStream(file), cipher(Cipher.DECRYPT_MODE));
    }

    /**
     * Encrypts in the caller's (large) writes. CTR is a stream mode: each update returns exactly as many
     * bytes as it is given, so nothing is held back.
     */
    private static final class EncryptingStream extends OutputStream {
        private final OutputStream file;
        private final Cipher cipher;
        private final byte[] encrypted = new byte[CHUNK];

        EncryptingStream(OutputStream file, Cipher cipher) {
            this.file = file;
            this.cipher = cipher;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, CHUNK);
                file.write(encrypted, 0, update(cipher, bytes, offset, n, encrypted));
                offset += n;
                length -= n;
            }
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    /** Reads and decrypts the file in large chunks (javax.crypto's CipherInputStream reads 512 bytes at a time). */
    private static final class DecryptingStream extends InputStream {
        private final InputStream file;
        private final Cipher cipher;
        private final byte[] read = new byte[CHUNK];

        DecryptingStream(InputStream file, Cipher cipher) {
            this.file = file;
            this.cipher = cipher;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int n = file.read(read, 0, Math.min(length, CHUNK));
            if (n < 0) {
                return -1;
            }
            return update(cipher, read, 0, n, target, offset);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    private static int update(Cipher cipher, byte[] input, int offset, int length, byte[] output) throws IOException {
        return update(cipher, input, offset, length, output, 0);
    }

    /**
     * Passes the bytes through the cipher in slices of {@link #SLICE}. The JIT compiles AES/CTR into its AES-NI
     * routine only once the cipher has been called often enough; in 64 KiB calls a part of a few hundred
     * megabytes is done, at about a fifth of that speed, before that happens (docs/BENCHMARKS.md).
     */
    private static int update(Cipher cipher, byte[] input, int offset, int length, byte[] output, int outputOffset)
            throws IOException {
        try {
            for (int done = 0; done < length; done += SLICE) {
                int slice = Math.min(SLICE, length - done);
                int n = cipher.update(input, offset + done, slice, output, outputOffset + done);
                if (n != slice) {
                    throw new IOException("AES/CTR returned " + n + " of " + slice + " bytes");
                }
            }
            return length;
        } catch (javax.crypto.ShortBufferException e) {
            throw new IOException("AES/CTR needs a larger buffer", e);
        }
    }

    private Cipher cipher(int mode) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, key, iv);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is part of every Java runtime", e);
        }
    }
}

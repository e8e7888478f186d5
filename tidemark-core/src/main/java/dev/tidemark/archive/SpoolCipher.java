package dev.tidemark.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
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
        return new CipherOutputStream(Files.newOutputStream(file), cipher(Cipher.ENCRYPT_MODE));
    }

    InputStream decryptingReader(Path file) throws IOException {
        return new CipherInputStream(Files.newInputStream(file), cipher(Cipher.DECRYPT_MODE));
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

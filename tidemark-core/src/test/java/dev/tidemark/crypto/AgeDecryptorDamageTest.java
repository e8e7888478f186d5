package dev.tidemark.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.env.Secret;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever is cut off or changed in an age file, decrypting it ends in a one-line ARCHIVE_INVALID error: no
 * parser exception of the age library gets out as an unexpected failure.
 */
class AgeDecryptorDamageTest {
    private AgeKeyPair key;
    private AgeDecryptor decryptor;
    private byte[] file;
    private int headerLength;

    @BeforeEach
    void encryptASmallFile() throws IOException {
        key = AgeKeys.generate();
        decryptor = AgeDecryptor.of(Secret.of(key.secretKey().reveal()));
        byte[] plain = new byte[70_000]; // a full chunk and a short final one
        new Random(5).nextBytes(plain);
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        try (OutputStream out = AgeEncryption.encryptTo(encrypted, List.of(key.publicKey()))) {
            out.write(plain);
        }
        file = encrypted.toByteArray();
        String text = new String(file, 0, 400, StandardCharsets.ISO_8859_1);
        headerLength = text.indexOf('\n', text.indexOf("\n--- ") + 1) + 1;
    }

    @Test
    void everyCutIsRefusedAsDamage() {
        for (int length = 0; length < file.length; length += length < headerLength + 100 ? 1 : 997) {
            assertDamaged(Arrays.copyOf(file, length), "cut at " + length);
        }
    }

    @Test
    void theHeaderWithoutItsLastLineBreakIsRefusedAsDamage() {
        assertDamaged(Arrays.copyOf(file, headerLength - 1), "header without its line break");
    }

    @Test
    void everyChangedHeaderByteIsRefusedAsDamage() {
        for (int offset = 0; offset < headerLength + 16; offset++) {
            for (int bit : new int[] {0x01, 0x20, 0x80}) {
                byte[] damaged = file.clone();
                damaged[offset] ^= (byte) bit;
                assertDamaged(damaged, "byte " + offset + " ^ " + bit);
            }
        }
    }

    private void assertDamaged(byte[] damaged, String what) {
        assertThatThrownBy(() -> readAll(damaged)).as(what).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).as(what + ": " + e.oneLine()).isEqualTo(ErrorKind.ARCHIVE_INVALID);
            assertThat(e.getMessage()).as(what).startsWith("snapshot s1 ");
        });
    }

    private void readAll(byte[] damaged) throws IOException {
        try (InputStream in = decryptor.decrypt(new ByteArrayInputStream(damaged), "snapshot s1", List.of(key.publicKey()))) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }
}

package dev.tidemark.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.env.Secret;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgeKeysTest {

    @Test
    void generatedKeyPairsAreInAgeKeygenFormatAndBelongTogether() {
        AgeKeyPair pair = AgeKeys.generate();
        assertThat(pair.publicKey()).matches("age1[02-9ac-hj-np-z]{58}");
        assertThat(pair.secretKey().reveal()).matches("AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}");
        assertThat(pair.keyFile()).matches("# created: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n"
                + "# public key: " + pair.publicKey() + "\n" + pair.secretKey().reveal() + "\n");
        assertThat(AgeKeys.publicKeyOf(pair.secretKey().reveal())).isEqualTo(pair.publicKey());
        assertThat(pair.toString()).doesNotContain(pair.secretKey().reveal());
        assertThat(AgeKeys.generate().publicKey()).isNotEqualTo(pair.publicKey());
    }

    @Test
    void encryptedBytesDecryptWithTheMatchingKeyOnly() throws Exception {
        AgeKeyPair pair = AgeKeys.generate();
        byte[] plain = new byte[300_000];
        new java.util.Random(7).nextBytes(plain);
        byte[] encrypted = encrypt(plain, List.of(pair.publicKey()));
        assertThat(new String(encrypted, 0, 21, StandardCharsets.US_ASCII)).isEqualTo("age-encryption.org/v1");

        AgeDecryptor decryptor = AgeDecryptor.of(pair.secretKey());
        try (InputStream in = decryptor.decrypt(new ByteArrayInputStream(encrypted), "file", List.of())) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        AgeDecryptor other = AgeDecryptor.of(AgeKeys.generate().secretKey());
        assertThatThrownBy(() -> other.decrypt(new ByteArrayInputStream(encrypted), "file", List.of()))
                .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.KEY));
    }

    @Test
    void everyRecipientCanDecryptAndAKeyFileWithCommentsIsAccepted() throws Exception {
        AgeKeyPair first = AgeKeys.generate();
        AgeKeyPair second = AgeKeys.generate();
        byte[] encrypted = encrypt("hello".getBytes(StandardCharsets.UTF_8), List.of(first.publicKey(), second.publicKey()));
        for (AgeKeyPair pair : List.of(first, second)) {
            AgeDecryptor decryptor = AgeDecryptor.of(Secret.of(pair.keyFile()));
            assertThat(decryptor.publicKeys()).containsExactly(pair.publicKey());
            try (InputStream in = decryptor.decrypt(new ByteArrayInputStream(encrypted), "file", List.of())) {
                assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
            }
        }
    }

    @Test
    void malformedKeysNameTheVariableButNeverTheKey() {
        String publicKey = AgeKeys.generate().publicKey();
        String damagedPublic = publicKey.substring(0, 10) + (publicKey.charAt(10) == 'q' ? 'p' : 'q') + publicKey.substring(11);
        assertThatThrownBy(() -> AgeKeys.requireValidRecipients(List.of(publicKey, damagedPublic)))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
                    assertThat(e.oneLine()).startsWith("SNAPSHOTS_AGE_PUBLIC_KEY: key 2 ").doesNotContain(damagedPublic);
                });

        String secret = AgeKeys.generate().secretKey().reveal();
        String damagedSecret = secret.substring(0, 30) + (secret.charAt(30) == 'Q' ? 'P' : 'Q') + secret.substring(31);
        assertThatThrownBy(() -> AgeDecryptor.of(Secret.of(damagedSecret)))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
                    assertThat(e.oneLine()).startsWith("SNAPSHOTS_AGE_SECRET_KEY: key 1 ")
                            .doesNotContain(damagedSecret).doesNotContain(secret.substring(16, 40));
                });
        assertThatThrownBy(() -> AgeDecryptor.of(Secret.of("# only a comment\n")))
                .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG));
    }

    static byte[] encrypt(byte[] plain, List<String> recipients) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = AgeEncryption.encryptTo(bytes, recipients)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }
}

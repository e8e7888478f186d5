package dev.tidemark.crypto;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.bech32.Bech32;
import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import dev.tidemark.env.Secret;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.crypto.KeyAgreement;

/**
 * age X25519 keys: parsing and validation of recipients ({@code age1…}) and identities
 * ({@code AGE-SECRET-KEY-1…}), derivation of an identity's public key, and key generation.
 * No method ever puts a secret key into an exception message.
 */
public final class AgeKeys {
    /** The variable holding the recipients new snapshots are encrypted to. */
    public static final String PUBLIC_KEY_VARIABLE = "SNAPSHOTS_AGE_PUBLIC_KEY";
    /** The variable holding the identities snapshots are decrypted with. */
    public static final String SECRET_KEY_VARIABLE = "SNAPSHOTS_AGE_SECRET_KEY";

    private static final String PUBLIC_PREFIX = "age";
    private static final String SECRET_PREFIX = "AGE-SECRET-KEY-";
    private static final int KEY_BYTES = 32;
    /** The u-coordinate of the X25519 base point (RFC 7748); X25519(k, 9) is the public key of k. */
    private static final BigInteger BASE_POINT = BigInteger.valueOf(9);

    private AgeKeys() {
    }

    /**
     * Checks that every key is a well-formed age X25519 recipient.
     *
     * @throws TidemarkException CONFIG naming {@link #PUBLIC_KEY_VARIABLE} and the key's position
     */
    public static void requireValidRecipients(List<String> publicKeys) {
        for (int i = 0; i < publicKeys.size(); i++) {
            try {
                recipient(publicKeys.get(i));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new TidemarkException(ErrorKind.CONFIG, PUBLIC_KEY_VARIABLE + ": key " + (i + 1)
                        + " is not a valid age public key (its checksum or length is wrong)",
                        "copy the age1… line printed by `tidemark keygen` or `age-keygen -y` again, completely");
            }
        }
    }

    /**
     * The identities held by {@code secretKeys}: one {@code AGE-SECRET-KEY-1…} per line; blank lines
     * and {@code #} comments (as in age-keygen key files) are ignored.
     *
     * @throws TidemarkException CONFIG naming {@link #SECRET_KEY_VARIABLE} when a key is malformed or none is present
     */
    public static List<String> identities(Secret secretKeys) {
        List<String> identities = new ArrayList<>();
        for (String line : secretKeys.reveal().split("\\R")) {
            String identity = line.strip();
            if (identity.isEmpty() || identity.startsWith("#")) {
                continue;
            }
            int position = identities.size() + 1;
            try {
                X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(identity);
                publicKeyOf(identity);
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new TidemarkException(ErrorKind.CONFIG, SECRET_KEY_VARIABLE + ": key " + position
                        + " is not a valid age secret key (its checksum or length is wrong)",
                        "use the AGE-SECRET-KEY-1… line of the key file written by `tidemark keygen` or `age-keygen`");
            }
            identities.add(identity);
        }
        if (identities.isEmpty()) {
            throw new TidemarkException(ErrorKind.CONFIG, SECRET_KEY_VARIABLE + ": holds no age secret key",
                    "use an AGE-SECRET-KEY-1… key, or unset it");
        }
        return List.copyOf(identities);
    }

    /**
     * The public key ({@code age1…}) belonging to an identity.
     *
     * @throws IllegalArgumentException when {@code identity} is not a well-formed age secret key; the
     *                                  message does not contain it
     */
    public static String publicKeyOf(String identity) {
        byte[] scalar = decode(identity, SECRET_PREFIX);
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            PrivateKey privateKey = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
            PublicKey basePoint = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BASE_POINT));
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(privateKey);
            agreement.doPhase(basePoint, true);
            return Bech32.getEncoder().encode(PUBLIC_PREFIX, agreement.generateSecret()).toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable X25519 secret key");
        } finally {
            java.util.Arrays.fill(scalar, (byte) 0);
        }
    }

    /** A new random key pair. */
    public static AgeKeyPair generate() {
        try {
            KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
            // jagged renders its X25519 keys in age's Bech32 forms
            return new AgeKeyPair(pair.getPublic().toString(), Secret.of(pair.getPrivate().toString()),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 key generation is unavailable in this Java runtime", e);
        }
    }

    /** A recognisable short form of a public key for tables, e.g. {@code age1v0wq…7jvwdy}. */
    public static String shortForm(String publicKey) {
        return publicKey.length() <= 20 ? publicKey : publicKey.substring(0, 8) + "…" + publicKey.substring(publicKey.length() - 6);
    }

    static RecipientStanzaWriter recipient(String publicKey) throws GeneralSecurityException {
        decode(publicKey, PUBLIC_PREFIX);
        return X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(publicKey);
    }

    static RecipientStanzaReader identity(String secretKey) throws GeneralSecurityException {
        return X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(secretKey);
    }

    private static byte[] decode(String key, String expectedPrefix) {
        var address = Bech32.getDecoder().decode(key);
        String prefix = address.getHumanReadablePart().toString();
        byte[] data = address.getData();
        if (!prefix.toUpperCase(Locale.ROOT).equals(expectedPrefix.toUpperCase(Locale.ROOT)) || data.length != KEY_BYTES) {
            throw new IllegalArgumentException("not an age X25519 key");
        }
        return data;
    }
}

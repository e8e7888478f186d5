package dev.tidemark.crypto;

import dev.tidemark.env.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * A generated age X25519 key pair.
 *
 * @param publicKey the recipient, {@code age1…}; safe to share and to store next to snapshots
 * @param secretKey the identity, {@code AGE-SECRET-KEY-1…}; whoever holds it can read the snapshots
 * @param created   when it was generated, to the second
 */
public record AgeKeyPair(String publicKey, Secret secretKey, Instant created) {
    public AgeKeyPair {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(created, "created");
    }

    /** The key file in age-keygen's format, readable by {@code age -d -i FILE}. Contains the secret key. */
    public String keyFile() {
        return "# created: " + created + "\n"
                + "# public key: " + publicKey + "\n"
                + secretKey.reveal() + "\n";
    }
}

package dev.tidemark.env;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A value that must never be printed or logged, such as a password or an age secret key.
 * {@link #toString()} is always {@code ***}; only {@link #reveal()} gives the value.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret value, for the one place that needs it (a login check, a decryption). */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        // Constant time, so comparing a guess against a secret does not reveal how much of it matched.
        return other instanceof Secret secret && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), secret.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // equal secrets must hash alike without the hash leaking anything about the value
    }

    @Override
    public String toString() {
        return "***";
    }
}

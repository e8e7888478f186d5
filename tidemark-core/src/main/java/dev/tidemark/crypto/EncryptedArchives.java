package dev.tidemark.crypto;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.IOException;
import java.io.InputStream;

/** Opens the stored bytes of a snapshot as its plain {@code .tar.zst} archive, decrypting when needed. */
public final class EncryptedArchives {
    private EncryptedArchives() {
    }

    /**
     * Fails before any work starts when {@code entry} is encrypted and the configured key cannot read it.
     *
     * @param decryptor the configured identities, or null when no secret key is configured
     * @throws TidemarkException KEY when the secret key is missing or belongs to none of the entry's recipients
     */
    public static void requireKey(SnapshotEntry entry, AgeDecryptor decryptor) {
        if (!entry.encrypted()) {
            return;
        }
        String needed = entry.recipients().isEmpty() ? "" : " (it is encrypted to " + String.join(", ", entry.recipients()) + ")";
        if (decryptor == null) {
            throw new TidemarkException(ErrorKind.KEY, "snapshot " + entry.id() + " is encrypted and "
                    + AgeKeys.SECRET_KEY_VARIABLE + " is not set" + needed,
                    "set " + AgeKeys.SECRET_KEY_VARIABLE + " or " + AgeKeys.SECRET_KEY_VARIABLE
                            + "_FILE to the matching AGE-SECRET-KEY-1… key");
        }
        if (!entry.recipients().isEmpty() && !decryptor.isRecipient(entry.recipients())) {
            throw new TidemarkException(ErrorKind.KEY, "snapshot " + entry.id() + " needs another secret key: "
                    + AgeKeys.SECRET_KEY_VARIABLE + " belongs to " + String.join(", ", decryptor.publicKeys()) + needed,
                    "set " + AgeKeys.SECRET_KEY_VARIABLE + " to the secret key of one of its recipients");
        }
    }

    /**
     * The archive bytes of {@code entry}: {@code stored} itself for a plain snapshot, its decrypted
     * payload for an encrypted one. Read the result to its end before trusting it: age authenticates
     * the last chunk last.
     *
     * @param decryptor the configured identities, or null when no secret key is configured
     * @throws TidemarkException KEY when the key is missing or wrong, ARCHIVE_INVALID when the age header is damaged
     */
    public static InputStream open(SnapshotEntry entry, InputStream stored, AgeDecryptor decryptor) throws IOException {
        if (!entry.encrypted()) {
            return stored;
        }
        requireKey(entry, decryptor);
        return decryptor.decrypt(stored, "snapshot " + entry.id(), entry.recipients());
    }
}

package dev.tidemark.crypto;

import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/** Encrypts a stream to age X25519 recipients, in the format the {@code age} command line tool reads. */
public final class AgeEncryption {
    private AgeEncryption() {
    }

    /**
     * A stream whose bytes reach {@code target} age-encrypted to every one of {@code recipients}. The
     * header is written at once; {@link OutputStream#close()} writes the final, authenticated chunk and
     * closes {@code target}. Only a closed stream is a complete age file, so close it only on success:
     * a file cut short is rejected on decryption.
     *
     * @param recipients one or more {@code age1…} public keys
     * @throws TidemarkException CONFIG when a recipient is malformed
     */
    public static OutputStream encryptTo(OutputStream target, List<String> recipients) throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient is needed");
        }
        AgeKeys.requireValidRecipients(recipients);
        List<RecipientStanzaWriter> writers = new ArrayList<>();
        try {
            for (String recipient : recipients) {
                writers.add(AgeKeys.recipient(recipient));
            }
            WritableByteChannel channel = new StandardEncryptingChannelFactory()
                    .newEncryptingChannel(Channels.newChannel(target), writers);
            return Channels.newOutputStream(channel);
        } catch (GeneralSecurityException e) {
            throw new TidemarkException(ErrorKind.INTERNAL, "age encryption could not start: " + e.getMessage(),
                    "check that the Java runtime provides ChaCha20-Poly1305 and X25519", e);
        }
    }
}

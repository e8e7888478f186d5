package dev.tidemark.crypto;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import dev.tidemark.env.Secret;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decrypts age files with the configured identities. Failures are one-line {@link TidemarkException}s:
 * {@link ErrorKind#KEY} when the key does not fit, {@link ErrorKind#ARCHIVE_INVALID} when the file is
 * damaged, truncated or tampered with. Failures of the encrypted stream itself (storage) pass through
 * as the {@link IOException}s they are. Thread-safe.
 */
public final class AgeDecryptor {
    private static final String DAMAGED_HINT = "restore an earlier snapshot; this one was changed or cut short after it was written";

    private final List<String> identities;
    private final List<String> publicKeys;

    private AgeDecryptor(List<String> identities) {
        this.identities = identities;
        List<String> derived = new ArrayList<>();
        identities.forEach(identity -> derived.add(AgeKeys.publicKeyOf(identity)));
        this.publicKeys = List.copyOf(derived);
    }

    /**
     * A decryptor for the identities in {@code secretKeys} (see {@link AgeKeys#identities}).
     *
     * @throws TidemarkException CONFIG naming {@code SNAPSHOTS_AGE_SECRET_KEY} when a key is malformed
     */
    public static AgeDecryptor of(Secret secretKeys) {
        return new AgeDecryptor(AgeKeys.identities(secretKeys));
    }

    /** The public keys of the identities, in order; safe to show. */
    public List<String> publicKeys() {
        return publicKeys;
    }

    /**
     * Fails before any work starts when {@code decryptor} (the configured identities, or null when no secret key
     * is configured) cannot read a file encrypted to {@code recipients}.
     *
     * @param what       names the file in messages, e.g. {@code snapshot 20261125T…-main-3fa2c1}
     * @param recipients the recipients the file is encrypted to, or empty when unknown
     * @throws TidemarkException KEY when the secret key is missing or belongs to none of the recipients
     */
    public static void requireKey(AgeDecryptor decryptor, String what, List<String> recipients) {
        String needed = recipients.isEmpty() ? "" : " (it is encrypted to " + String.join(", ", recipients) + ")";
        if (decryptor == null) {
            throw new TidemarkException(ErrorKind.KEY, what + " is encrypted and "
                    + AgeKeys.SECRET_KEY_VARIABLE + " is not set" + needed,
                    "set " + AgeKeys.SECRET_KEY_VARIABLE + " or " + AgeKeys.SECRET_KEY_VARIABLE
                            + "_FILE to the matching AGE-SECRET-KEY-1… key");
        }
        if (!recipients.isEmpty() && !decryptor.isRecipient(recipients)) {
            throw new TidemarkException(ErrorKind.KEY, what + " needs another secret key: "
                    + AgeKeys.SECRET_KEY_VARIABLE + " belongs to " + String.join(", ", decryptor.publicKeys()) + needed,
                    "set " + AgeKeys.SECRET_KEY_VARIABLE + " to the secret key of one of its recipients");
        }
    }

    /** Whether one of the identities belongs to one of {@code recipients}. */
    public boolean isRecipient(List<String> recipients) {
        return !Collections.disjoint(publicKeys, recipients);
    }

    /**
     * Reads the age header of {@code encrypted} and returns its decrypted payload. Every chunk is
     * authenticated before it is released; a truncated file fails at its end, so a reader must consume
     * the stream to its end before trusting that it has seen everything.
     *
     * @param what       names the file in messages, e.g. {@code snapshot main-20261125T…}
     * @param recipients the recipients the file is known to be encrypted to, or empty when unknown; when one
     *                   of them is ours, a header that does not open is reported as damage, not as a wrong key
     * @throws TidemarkException KEY when no identity opens the header, ARCHIVE_INVALID when it is damaged
     * @throws IOException       when {@code encrypted} itself fails
     */
    public InputStream decrypt(InputStream encrypted, String what, List<String> recipients) throws IOException {
        SourceStream source = new SourceStream(encrypted);
        try {
            List<RecipientStanzaReader> readers = new ArrayList<>();
            for (String identity : identities) {
                readers.add(AgeKeys.identity(identity));
            }
            ReadableByteChannel channel = new StandardDecryptingChannelFactory()
                    .newDecryptingChannel(Channels.newChannel(source), readers);
            return new PayloadStream(Channels.newInputStream(channel), what);
        } catch (UnsupportedRecipientStanzaException e) {
            source.close();
            if (isRecipient(recipients)) {
                throw new TidemarkException(ErrorKind.ARCHIVE_INVALID, what + " is damaged: its age header does not open "
                        + "with the key it was encrypted to", DAMAGED_HINT, e);
            }
            throw new TidemarkException(ErrorKind.KEY, what + " cannot be decrypted with the configured secret key "
                    + "(" + AgeKeys.SECRET_KEY_VARIABLE + ", public key " + String.join(", ", publicKeys) + ")",
                    "set " + AgeKeys.SECRET_KEY_VARIABLE + " to the secret key of a recipient it was encrypted to", e);
        } catch (SignatureException e) {
            source.close();
            throw new TidemarkException(ErrorKind.ARCHIVE_INVALID, what + " is damaged: its age header failed "
                    + "authentication (changed after it was written)", DAMAGED_HINT, e);
        } catch (GeneralSecurityException e) {
            source.close();
            throw new TidemarkException(ErrorKind.ARCHIVE_INVALID, what + " is not a readable age file: its header is "
                    + "malformed (" + oneLine(e.getMessage()) + ")", DAMAGED_HINT, e);
        } catch (IOException e) {
            source.close();
            throw rethrow(e, what);
        } catch (TidemarkException e) {
            source.close();
            throw e;
        } catch (RuntimeException e) {
            // the age library's header parser runs out of input on some cut files (BufferUnderflowException)
            source.close();
            throw new TidemarkException(ErrorKind.ARCHIVE_INVALID, what + " is not a readable age file: its header is "
                    + "malformed (" + TidemarkException.reasonOf(e) + ")", DAMAGED_HINT, e);
        }
    }

    private static IOException rethrow(Exception failure, String what) throws IOException {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SourceStream.SourceFailure sourceFailure) {
                throw sourceFailure.original();
            }
        }
        throw new TidemarkException(ErrorKind.ARCHIVE_INVALID, what + " is damaged: its encrypted data is truncated "
                + "or was changed (age authentication failed)", DAMAGED_HINT, failure);
    }

    private static String oneLine(String message) {
        return message == null ? "unreadable header" : message.lines().findFirst().orElse("").strip();
    }

    /** The decrypted payload, turning authentication failures into archive errors. */
    private static final class PayloadStream extends FilterInputStream {
        private final String what;

        PayloadStream(InputStream in, String what) {
            super(in);
            this.what = what;
        }

        private interface Read {
            long run() throws IOException;
        }

        @Override
        public int read() throws IOException {
            return (int) guarded(in::read);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return (int) guarded(() -> in.read(b, off, len));
        }

        @Override
        public long skip(long n) throws IOException {
            return guarded(() -> in.skip(n));
        }

        private long guarded(Read read) throws IOException {
            try {
                return read.run();
            } catch (TidemarkException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // a runtime exception of the age library's parser on a damaged chunk is damage as well
                throw rethrow(e, what);
            }
        }
    }

    /** The encrypted stream, marking its own failures so they are not taken for damage. */
    private static final class SourceStream extends FilterInputStream {
        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
        }

        static final class SourceFailure extends IOException {
            private static final long serialVersionUID = 1L;

            SourceFailure(IOException original) {
                super(original.getMessage(), original);
            }

            IOException original() {
                return (IOException) getCause();
            }
        }
    }
}
